package content

// EditDistance is the number of letters to insert, delete or change to
// make a into b, a swap of two neighbours counting as one: how far a
// typo is from what was meant.
func EditDistance(a, b string) int { return distance(a, b) }
