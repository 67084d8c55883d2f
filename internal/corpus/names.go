package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The deck index's speakers are a given name and one or two family
// names from these lists, written in NFC. Within each list, two names
// differ in at least two letters once accents are folded, and no name is
// in two lists, so no two speakers are probably one person: the corpus
// holds no near-duplicate names unless it writes them on purpose.
var (
	givenShe = []string{"Ada", "Grace", "Mariatta", "Naomi", "Carol", "Ewa", "Sofía", "Letícia",
		"Zainab", "Inês", "Yuki", "Aiko", "Ingrid", "Chloé", "Małgorzata", "Agnieszka", "Priya",
		"Ananya", "Fatima", "Amara", "Hélène", "Eleni", "Renée", "Zoë", "Beatriz", "Camila",
		"Valentina", "Lucía", "Mónica", "Thaís", "Gabriela", "Juliana", "Aurélie", "Friederike",
		"Anneliese", "Jessica", "Katharine", "Olga", "Svetlana", "Nadia", "Leila", "Ngozi",
		"Chiamaka", "Wanjiru", "Sakura", "Haruka", "Ximena", "Paloma", "Dörte", "Linnea",
		"Astrid", "Sigrún", "Tamsin", "Siobhán", "Jolanta", "Žaneta"}
	givenHe = []string{"Guido", "Łukasz", "Brett", "Nick", "Asheesh", "Paul", "Ravi", "Tomasz",
		"Kwame", "Raymond", "Jürgen", "François", "José", "João", "Sebastián", "Andrés", "Søren",
		"Björn", "Håkon", "Jesús", "Nicolás", "Matías", "Rodrigo", "Thiago", "Gonçalo", "Jérôme",
		"Loïc", "Stéphane", "Mathieu", "Wolfgang", "Dmitri", "Pavel", "Ondřej", "Jiří", "Miloš",
		"Dragan", "Hiroshi", "Takeshi", "Kenji", "Daisuke", "Arjun", "Vikram", "Sanjay", "Emeka",
		"Chinedu", "Tendai", "Kofi", "Omar", "Youssef", "Tariq", "Darío", "Iñaki", "Xabier",
		"Ciarán", "Eoin", "Rhys", "Dafydd"}
	family = []string{"Lovelace", "Hopper", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński",
		"Lewandowski", "Dąbrowski", "Zieliński", "Szymański", "Woźniak", "Müller", "Schröder",
		"Köhler", "Hoffmann", "Schäfer", "Jäger", "Hovmöller", "Åkesson", "Sørensen", "Lindqvist",
		"Ólafsdóttir", "Håkansson", "García", "Rodríguez", "Martínez", "Hernández", "López",
		"González", "Pérez", "Sánchez", "Gómez", "Díaz", "Muñoz", "Álvarez", "Jiménez", "Ibáñez",
		"Peña", "Gonçalves", "Araújo", "Conceição", "Magalhães", "Simões", "Lourenço", "Assunção",
		"Carvalho", "Ribeiro", "Fernandes", "Lefèvre", "Mercier", "Girard", "Bélanger", "Côté",
		"Gagné", "Ménard", "Dubois", "Moreau", "Rousseau", "Tanaka", "Suzuki", "Takahashi",
		"Watanabe", "Itō", "Yamamoto", "Nakamura", "Kobayashi", "Yoshida", "Okafor", "Adeyemi",
		"Mensah", "Boateng", "Nwosu", "Kamau", "Otieno", "Haddad", "Nasser", "Khalil", "Singh",
		"Patel", "Sharma", "Iyer", "Reddy", "Mukherjee", "Novák", "Dvořák", "Černý", "Procházka",
		"Kučera", "Horváth", "Nagy", "Szabó", "Tóth", "Ivanova", "Smirnova", "Kovačević",
		"Petrović", "Jovanović", "Nikolić", "Papadopoulos", "Georgiou", "MacLeod", "Llewellyn",
		"Nguyễn", "Trần", "Phạm", "van der Berg", "de Vries", "Jansen"}
)

// fold is a name in lowercase ASCII: accents dropped, and the letters
// that do not decompose (ł, ø, đ, ß, æ) written as English readers
// would, as slugs transliterate them (Łukasz → lukasz).
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII:
			b.WriteRune(r)
		default:
			b.WriteString(map[rune]string{'ł': "l", 'ø': "o", 'đ': "d", 'ß': "ss", 'æ': "ae"}[r])
		}
	}
	return b.String()
}

// slug is a name as a URL segment: its folded letters and digits, runs of
// anything else one hyphen.
func slug(s string) string {
	var b strings.Builder
	for _, r := range fold(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
