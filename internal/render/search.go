package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/parallel"
	"github.com/storyhub/storyhub/internal/site"
)

// JSON is the media type of the search index.
const JSON = "application/json"

// SearchIndexPath is where the search index is written; the search page's
// script (static/js/search.js) loads it from there.
const SearchIndexPath = searchFolder + "index.json"

// searchFolder holds the search page and its index.
const searchFolder = "search/"

// The search index, /search/index.json. Names that repeat (kinds,
// communities, tags) are listed once and referred to by their position,
// and a page's words are not stored as text but as the distinct terms
// they make, each term once with the pages that have it:
//
//	{"v":2,
//	 "kinds":["story","deck","talking-points","guide","community"],
//	 "communities":["Education", ...],
//	 "tags":["python", ...],
//	 "stop":["a","about", ...],
//	 "pages":[[url, title, summary, kind, community, [tag, ...], [person, ...]], ...],
//	 "terms":["ada","api", ...],
//	 "postings":["A1b", ...]}
//
// In a page, url is the link to it (under the base URL's path), kind
// indexes kinds, community indexes communities or is -1 for none, each
// tag indexes tags, and people are the names of its authors and speakers.
// Pages are those of Site.Pages (newest first), then one per community,
// whose kind is "community" and whose community is itself, then one per
// person (Site.People) and one per event (Site.Events), whose kind is
// the kind that describes people or events ("person", "event"; added
// after "community" when the kinds have none).
//
// terms are every term of every page, sorted; postings[i] lists the
// pages that have terms[i] (see appendPostings). A page's terms are its
// title, summary, tags, people, community and body text (without code
// blocks) cut into words by SearchTerms; a person's, their name, other
// names, roles and summary (the first sentence of their profile, or
// what they have on the site), and an event's, its name, kind, place
// and days, not the bodies of their pages: the index stays small, and
// what they wrote is found by its own entries. The search page cuts a query
// the same way, with the same stop words, and matches each word as the
// prefix of a term, or within one edit of one (a typo).
//
// Each page's entry and terms are made once and kept (a piece, like a
// card) while what it shows is unchanged, so an edit makes one entry
// again, not ten thousand; a preview keeps the terms and posting lists
// too, and patches those of the pages whose pieces changed
// (searchPostings).

// searchOutput is the search index: one file, loaded by the search page
// alone.
func searchOutput(s *site.Site) Output {
	return Output{Path: SearchIndexPath, MediaType: JSON,
		render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
			if rec != nil { // it reads every page: one read of each kind
				rec.wide = true
			}
			return writeSearchIndex(buf, siteOf(s, rec), pass)
		},
		Claim: made("the search index"),
	}
}

// searchKey names a page's entry among the pieces of a pass: a page's
// path, or a community's, person's or event's slug.
type searchKey struct{ page, community, person, event string }

// communityKind is the kind of a community's entry, after the site's
// kinds.
const communityKind = "community"

// englishStop are words too common to find anything by; a site in
// another language has none.
const englishStop = "a about after all also an and any are as at be been but by can could did do does " +
	"for from had has have he her here his how i if in into is it its just me more most my no not " +
	"of on or other our out over she so some such than that the their them then there these they " +
	"this those to too up us very was we were what when where which who why will with would you your"

// maxTermRunes is where a long word is cut: a longer query word is cut
// the same way, so it still finds it.
const maxTermRunes = 24

// searchStop returns the stop words for a site's language.
func searchStop(lang string) []string {
	if lang == "en" || strings.HasPrefix(lang, "en-") {
		return strings.Fields(englishStop)
	}
	return []string{}
}

func writeSearchIndex(buf *bytes.Buffer, sv Site, pass *Pass) error {
	var kinds []string
	for _, k := range sv.Kinds {
		kinds = append(kinds, k.Name)
	}
	kinds = append(kinds, communityKind)
	communityIndex := len(kinds) - 1
	// indexKind is the position in kinds of the kind describing ix.
	indexKind := func(ix content.Index, name string) int {
		for k, spec := range sv.Kinds.All() {
			if spec.Describes == ix {
				return int(k)
			}
		}
		kinds = append(kinds, name)
		return len(kinds) - 1
	}
	personIndex, eventIndex := indexKind(content.PeopleIndex, "person"), indexKind(content.EventIndex, "event")
	communities := map[string]int{}
	names := []string{}
	for i, c := range sv.Communities() {
		communities[c.Slug] = i
		names = append(names, c.Name)
	}
	tags := map[string]int{}
	tagNames := []string{}
	for i, t := range sv.Tags() {
		tags[t.Slug] = i
		tagNames = append(tagNames, t.Name)
	}
	stop := searchStop(sv.Config.Language)
	stopSet := map[string]bool{}
	for _, w := range stop {
		stopSet[w] = true
	}
	// encoding/json escapes <, >, & and U+2028/U+2029, so the index is
	// safe wherever it ends up.
	head, err := json.Marshal(struct {
		V           int      `json:"v"`
		Kinds       []string `json:"kinds"`
		Communities []string `json:"communities"`
		Tags        []string `json:"tags"`
		Stop        []string `json:"stop"`
	}{2, kinds, names, tagNames, stop})
	if err != nil {
		return err
	}
	buf.Write(head[:len(head)-1])
	base := sv.BasePath() // as View.Rel
	// Every entry, in the index's order: pages, communities, people,
	// events.
	var items []searchItem
	for _, p := range sv.Pages() {
		items = append(items, searchItem{searchKey{page: p.Path}, func(own *recorder) (string, error) {
			// The positions of its tags and community are in the lists.
			own.add(dep{siteTags, ""})
			own.add(dep{siteCommunities, ""})
			q := pageOf(p.sitePage, own)
			community := -1
			var text []string
			if c := q.Community(); c != nil {
				community = communities[c.Slug]
				text = append(text, c.Name)
			}
			tagIndexes := []int{}
			for _, t := range q.Tags() {
				tagIndexes = append(tagIndexes, tags[t.Slug])
				text = append(text, t.Name)
			}
			people := []string{}
			for _, a := range q.Authors {
				people = append(people, a.Name)
			}
			for _, a := range q.Speakers {
				people = append(people, a.Name)
			}
			text = append(text, q.Title, q.Summary)
			text = append(text, people...)
			text = append(text, bodyText(q.HTML()))
			return searchPiece([]any{base + strings.TrimPrefix(q.URL, "/"), q.Title, q.Summary, int(q.Kind), community, tagIndexes, people}, text, stopSet)
		}})
	}
	for _, c := range sv.Communities() {
		items = append(items, searchItem{searchKey{community: c.Slug}, func(own *recorder) (string, error) {
			own.add(dep{siteCommunities, ""})
			own.add(dep{communityMeta, c.Slug})
			return searchPiece([]any{base + strings.TrimPrefix(c.URL, "/"), c.Name, c.Description, communityIndex, communities[c.Slug], []int{}, []string{}},
				[]string{c.Name, c.Description}, stopSet)
		}})
	}
	for _, listed := range sv.People() {
		x := listed.sitePerson
		items = append(items, searchItem{searchKey{person: x.Slug}, func(own *recorder) (string, error) {
			who := personOf(x, own)
			summary, text := personSearchSummary(who), []string{who.Name}
			if prof := who.Profile(); prof != nil {
				text = append(text, prof.Profile.AlsoKnownAs...)
			}
			for _, r := range x.Roles {
				text = append(text, r.Name)
				if r.Community != nil {
					text = append(text, r.Community.Name)
				}
			}
			text = append(text, summary)
			return searchPiece([]any{base + strings.TrimPrefix(x.URL, "/"), who.Name, summary, personIndex, -1, []int{}, []string{}}, text, stopSet)
		}})
	}
	for _, listed := range sv.Events() {
		e := listed.siteEvent
		items = append(items, searchItem{searchKey{event: e.Slug}, func(own *recorder) (string, error) {
			ev := eventOf(e, own)
			summary := eventSearchSummary(e)
			return searchPiece([]any{base + strings.TrimPrefix(e.URL, "/"), ev.Name, summary, eventIndex, -1, []int{}, []string{}},
				[]string{ev.Name, ev.KindName(), e.Venue, summary}, stopSet)
		}})
	}
	if pass.deps == nil {
		// Nothing records or keeps the pieces: each is made, taken into
		// the index and dropped, a few hundred at a time, so that the
		// index never holds every piece at once.
		sp := &searchPostings{postings: map[string][]int32{}}
		buf.WriteString(`,"pages":[`)
		const batch = 512
		pieces := make([]string, batch)
		for from := 0; from < len(items); from += batch {
			part := items[from:min(from+batch, len(items))]
			if err := eachPiece(part, func(i int, item searchItem) (err error) {
				pieces[i], err = item.make(nil)
				return err
			}); err != nil {
				return err
			}
			for i := range part {
				sp.add(pieces[i], buf)
				pieces[i] = ""
			}
		}
		return sp.writeTerms(buf, false)
	}
	// The pieces, kept or made, are found on every core first, then
	// taken in order, with what they read.
	found := make([]piece, len(items))
	if err := eachPiece(items, func(i int, item searchItem) (err error) {
		found[i], err = pieceOf(pass, pass.entries, item.key, item.make)
		return err
	}); err != nil {
		return err
	}
	pieces := make([]string, len(items))
	for i, pc := range found {
		sv.rec.merge(pc.deps)
		pieces[i] = pc.text
	}
	// The terms and posting lists the last pass assembled are patched
	// for the few pieces that changed since; anything more is assembled
	// again.
	sp := pass.deps.takeSearch()
	if sp == nil || !sp.patch(pieces) {
		sp = newSearchPostings(pieces)
	}
	if err := sp.write(buf); err != nil {
		return err
	}
	pass.deps.keepSearch(sp)
	return nil
}

// searchItem is one entry of the index: its key among a pass's pieces,
// and how its piece is made.
type searchItem struct {
	key  searchKey
	make func(own *recorder) (string, error)
}

// eachPiece calls do for every item on every core, and returns the
// first error.
func eachPiece(items []searchItem, do func(i int, item searchItem) error) error {
	var firstErr error
	var errMu sync.Mutex
	parallel.Each(len(items), 0, func() func(int) bool {
		return func(i int) bool {
			if err := do(i, items[i]); err != nil {
				errMu.Lock()
				firstErr = cmp.Or(firstErr, err)
				errMu.Unlock()
				return false
			}
			return true
		}
	})
	return firstErr
}

// personSearchSummary is a person's summary in the search index: the
// first sentence of their profile's bio, or else what they have on the
// site (personSummary).
func personSearchSummary(x *Someone) string {
	if prof := x.Profile(); prof != nil {
		if first := firstSentence(bodyText(prof.HTML())); first != "" {
			return first
		}
	}
	x.rec.add(dep{personPages, x.Slug})
	return personSummary(x.sitePerson)
}

// eventSearchSummary is an event's summary in the search index: its
// days and city, "1–6 September 2014 · Portland, United States", or
// what it is when neither is known.
func eventSearchSummary(e *site.Event) string {
	var parts []string
	if d := days(e); d != "" {
		parts = append(parts, d)
	}
	var place []string
	for _, p := range []string{e.City, e.Country} {
		if p != "" {
			place = append(place, p)
		}
	}
	if len(place) > 0 {
		parts = append(parts, strings.Join(place, ", "))
	}
	if len(parts) == 0 {
		return "An event where decks were given."
	}
	return strings.Join(parts, " · ")
}

// maxSummaryRunes is where firstSentence cuts a sentence that runs on.
const maxSummaryRunes = 160

// firstSentence is text's first sentence, its spaces made one: up to
// the first '.', '!' or '?' that the end follows, or a space and a
// letter that is not lowercase ("e.g. this" goes on), or up to a '。',
// '！' or '？'; cut at a word before maxSummaryRunes, with an ellipsis,
// when longer.
func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	for i, r := range text {
		end := i + utf8.RuneLen(r)
		switch r {
		case '。', '！', '？':
		case '.', '!', '?':
			if end == len(text) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[min(end+1, len(text)):])
			if text[end] != ' ' || unicode.IsLower(next) {
				continue
			}
		default:
			continue
		}
		text = text[:end]
		break
	}
	if utf8.RuneCountInString(text) <= maxSummaryRunes {
		return text
	}
	cut, n := 0, 0
	for i, r := range text {
		if n == maxSummaryRunes {
			break
		}
		if r == ' ' {
			cut = i
		}
		n++
	}
	if cut == 0 { // one long word
		cut = len(string([]rune(text)[:maxSummaryRunes]))
	}
	return text[:cut] + "…"
}

// searchPostings is the index assembled from its pieces: the pieces, in
// order, and each term's pages, sorted and encoded. A preview keeps the
// last one, so an edit patches the terms of the pages it changed instead
// of gathering every page's again; it comes out as a fresh one would.
type searchPostings struct {
	pieces    []string // when kept (see add)
	count     int      // pieces added
	postings  map[string][]int32
	terms     []string // sorted
	encoded   []string // of postings[terms[i]], by appendPostings
	termsJSON []byte
}

// pieceTerms is the terms part of a piece.
func pieceTerms(piece string) string {
	_, terms, _ := strings.Cut(piece, "\n")
	return terms
}

func newSearchPostings(pieces []string) *searchPostings {
	sp := &searchPostings{postings: map[string][]int32{}}
	for _, piece := range pieces {
		sp.add(piece, nil)
	}
	sp.finish()
	return sp
}

// add takes the next piece. With entries nil, the piece is kept, for
// patch; else its entry is written to entries at once and its terms
// cloned, so the piece itself can go.
func (sp *searchPostings) add(piece string, entries *bytes.Buffer) {
	n := int32(sp.count)
	sp.count++
	keep := entries == nil
	if keep {
		sp.pieces = append(sp.pieces, piece)
	} else {
		entry, _, _ := strings.Cut(piece, "\n")
		if n > 0 {
			entries.WriteByte(',')
		}
		entries.WriteString(entry)
	}
	for t := range strings.SplitSeq(pieceTerms(piece), " ") {
		if t == "" {
			continue
		}
		ps, had := sp.postings[t]
		if !had && !keep {
			t = strings.Clone(t)
		}
		sp.postings[t] = append(ps, n)
	}
}

// finish sorts the terms and encodes their posting lists.
func (sp *searchPostings) finish() {
	sp.sortTerms()
	sp.encoded = make([]string, len(sp.terms))
	var enc []byte
	for i, t := range sp.terms {
		enc = appendPostings(enc[:0], sp.postings[t])
		sp.encoded[i] = string(enc)
	}
}

// sortTerms lists the terms of the postings, sorted.
func (sp *searchPostings) sortTerms() {
	sp.terms = slices.Sorted(maps.Keys(sp.postings))
}

// patch makes sp that of pieces, when they are as many as before and
// few differ; it reports whether it did (otherwise sp is unchanged).
func (sp *searchPostings) patch(pieces []string) bool {
	if len(pieces) != len(sp.pieces) {
		return false
	}
	var changed []int
	limit := max(8, len(pieces)/100)
	for i, piece := range pieces {
		if piece != sp.pieces[i] {
			if changed = append(changed, i); len(changed) > limit {
				return false
			}
		}
	}
	touched := map[string]bool{}
	setChanged := false
	for _, i := range changed {
		n := int32(i)
		old := strings.Fields(pieceTerms(sp.pieces[i]))
		for _, t := range strings.Fields(pieceTerms(pieces[i])) {
			if k, found := slices.BinarySearch(old, t); found {
				old = slices.Delete(old, k, k+1) // kept: what is left was removed
				continue
			}
			ps, had := sp.postings[t]
			k, _ := slices.BinarySearch(ps, n)
			sp.postings[t] = slices.Insert(ps, k, n)
			touched[t] = true
			if !had {
				k, _ := slices.BinarySearch(sp.terms, t)
				sp.terms = slices.Insert(sp.terms, k, t)
				sp.encoded = slices.Insert(sp.encoded, k, "")
				setChanged = true
			}
		}
		for _, t := range old {
			ps := sp.postings[t]
			if k, found := slices.BinarySearch(ps, n); found {
				ps = slices.Delete(ps, k, k+1)
			}
			touched[t] = true
			if len(ps) > 0 {
				sp.postings[t] = ps
				continue
			}
			delete(sp.postings, t)
			k, _ := slices.BinarySearch(sp.terms, t)
			sp.terms = slices.Delete(sp.terms, k, k+1)
			sp.encoded = slices.Delete(sp.encoded, k, k+1)
			setChanged = true
		}
		sp.pieces[i] = pieces[i]
	}
	var enc []byte
	for t := range touched {
		if ps, ok := sp.postings[t]; ok {
			k, _ := slices.BinarySearch(sp.terms, t)
			enc = appendPostings(enc[:0], ps)
			sp.encoded[k] = string(enc)
		}
	}
	if setChanged {
		sp.termsJSON = nil
	}
	return true
}

// write writes the index after its head: the entries, terms and
// posting lists.
func (sp *searchPostings) write(buf *bytes.Buffer) error {
	buf.WriteString(`,"pages":[`)
	for n, piece := range sp.pieces {
		if n > 0 {
			buf.WriteByte(',')
		}
		entry, _, _ := strings.Cut(piece, "\n")
		buf.WriteString(entry)
	}
	return sp.writeTerms(buf, true)
}

// writeTerms writes, after the entries, the terms and posting lists:
// those finish made, when kept; else made as they are written, once.
func (sp *searchPostings) writeTerms(buf *bytes.Buffer, kept bool) error {
	if !kept {
		sp.sortTerms()
	}
	buf.WriteString(`],"terms":`)
	termsJSON := sp.termsJSON
	if termsJSON == nil {
		data, err := json.Marshal(sp.terms)
		if err != nil {
			return err
		}
		termsJSON = data
		if kept {
			sp.termsJSON = data
		}
	}
	buf.Write(termsJSON)
	buf.WriteString(`,"postings":[`)
	for i, t := range sp.terms {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('"')
		if kept {
			buf.WriteString(sp.encoded[i])
		} else {
			buf.Write(appendPostings(buf.AvailableBuffer(), sp.postings[t]))
		}
		buf.WriteByte('"')
	}
	buf.WriteString("]}\n")
	return nil
}

// searchPiece is a page's kept piece: its entry as JSON, a newline, and
// its terms, space-separated (JSON escapes newlines, and terms have no
// spaces).
func searchPiece(entry []any, text []string, stop map[string]bool) (string, error) {
	data, err := json.Marshal(entry)
	if err != nil {
		return "", err
	}
	var terms []string
	seen := map[string]bool{}
	for _, s := range text {
		terms = searchWords(terms, s, stop, seen)
	}
	slices.Sort(terms)
	terms = slices.Compact(terms)
	return string(data) + "\n" + strings.Join(terms, " "), nil
}

// postingDigits are the 64 characters of an encoded posting list, none
// of which JSON escapes.
const postingDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendPostings appends pages, ascending positions, encoded: each as
// the gap from the one before, less one (the first as its position),
// in groups of five bits, lowest first, each group a digit of
// postingDigits whose value has 32 added when more groups follow. Most
// gaps are a single character.
func appendPostings(dst []byte, pages []int32) []byte {
	prev := int32(-1)
	for _, p := range pages {
		gap := uint32(p - prev - 1)
		prev = p
		for gap >= 32 {
			dst = append(dst, postingDigits[32+gap&31])
			gap >>= 5
		}
		dst = append(dst, postingDigits[gap])
	}
	return dst
}

// bodyText is the text of a rendered body, without code blocks: the
// Markdown renderer's own HTML, whose attribute values have < and >
// escaped, so a tag ends at the first >.
func bodyText(h string) string {
	var b strings.Builder
	b.Grow(len(h)) // the text is shorter than its HTML
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:lt])
		b.WriteByte(' ')
		h = h[lt:]
		if strings.HasPrefix(h, "<pre") && (len(h) == 4 || h[4] == '>' || h[4] == ' ') {
			end := strings.Index(h, "</pre>")
			if end < 0 {
				break
			}
			h = h[end+len("</pre>"):]
			continue
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		h = h[gt+1:]
	}
	text := b.String()
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text)
	}
	return text
}

// SearchTerms returns the distinct terms of text as the search index
// has them, sorted: English stop words dropped. The search page's
// script cuts a query the same way (see terms in static/js/search.js).
func SearchTerms(text string) []string {
	stop := map[string]bool{}
	for _, w := range searchStop("en") {
		stop[w] = true
	}
	terms := searchWords(nil, text, stop, nil)
	slices.Sort(terms)
	return slices.Compact(terms)
}

// searchWords appends the words of text to dst: compatibility-decomposed,
// then lowercased, with nonspacing marks (accents) dropped and a few
// letters that do not decompose spelled in ASCII, split at anything but
// letters, digits and marks; words of one character and stop words are
// dropped, and long ones cut at maxTermRunes. With seen, words in it are
// dropped too, and those kept are added to it (cheaper than sorting the
// repeats away).
func searchWords(dst []string, text string, stop, seen map[string]bool) []string {
	for w := range strings.FieldsSeq(foldText(text)) {
		// Five bytes or more are two runes at least, and at most
		// maxTermRunes bytes at most that many runes: only other
		// words need counting.
		if n := len(w); n <= utf8.UTFMax || n > maxTermRunes {
			n = utf8.RuneCountInString(w)
			if n < 2 {
				continue
			}
			if n > maxTermRunes {
				i := 0
				for j := range w {
					if i == maxTermRunes {
						w = w[:j]
						break
					}
					i++
				}
			}
		}
		if !stop[w] && !seen[w] {
			dst = append(dst, w)
			if seen != nil {
				seen[w] = true
			}
		}
	}
	return dst
}

// foldText is text compatibility-decomposed and lowercased, with
// nonspacing marks dropped, the letters foldLetter knows spelled in
// ASCII, and a space for anything but letters, digits and marks: its
// fields are the words. A word is a part of it, not a copy of its own.
func foldText(text string) string {
	if ascii(text) { // most text: the same words, a shorter way
		return foldASCII(text)
	}
	return foldUnicode(text)
}

// foldUnicode is foldText for any text, lowercased rune by rune as
// strings.ToLower does. Most text that is not ASCII alone is mostly
// ASCII (a name with an accent, curly quotes): its ASCII characters
// take foldByte, not the Unicode tables.
func foldUnicode(text string) string {
	text = norm.NFKD.String(text)
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		if r < utf8.RuneSelf {
			b.WriteByte(foldByte(byte(r)))
		} else {
			foldWordRune(&b, unicode.ToLower(r))
		}
	}
	return b.String()
}

// foldWordRune writes the folded form of r, one rune of lowercased NFKD
// text, to b: nothing for a nonspacing mark, a letter, digit or mark as
// foldLetter spells it, and a space for anything else.
func foldWordRune(b *strings.Builder, r rune) {
	switch {
	case unicode.Is(unicode.Mn, r):
	case unicode.In(r, unicode.L, unicode.N, unicode.M):
		if s, ok := foldLetter(r); ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	default:
		b.WriteByte(' ')
	}
}

// foldByte is foldWordRune for an ASCII character: a lowercase letter or a
// digit as it is, an uppercase letter lowercased, a space for anything
// else.
func foldByte(c byte) byte {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return c
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	}
	return ' '
}

// foldASCII is foldText for ASCII text.
func foldASCII(text string) string {
	return strings.Map(func(c rune) rune { return rune(foldByte(byte(c))) }, text)
}

// ascii reports whether s is ASCII alone.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldLetter spells the lowercase letters that have no decomposition
// as a reader without them types them; search.js has the same table.
func foldLetter(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'ø':
		return "o", true
	case 'ł':
		return "l", true
	case 'đ', 'ð':
		return "d", true
	case 'þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ς':
		return "σ", true
	}
	return "", false
}
