// Package corpus writes a deterministic test and benchmark site: N
// success stories and, in proportion, slide-deck entries with their
// files, talking points for each community and organizer guides, as
// Markdown with YAML front matter, with tags drawn from a vocabulary
// with a long tail. It has the shape of the corpus that make bench
// builds with Hugo (../shared/bench/gen_corpus.py), so the repository's
// tests and benchmarks need nothing beside it. The same Options give the
// same bytes on every machine.
//
// The deck-index mode (Options.DeckIndex) writes, beside the stories or
// alone, a site shaped like a public index of recorded Python talks:
//
//   - Decks talks, content/decks/talk-NNNNN.md, numbered in the order of
//     their events, each dated on a day of its event. Half link slides
//     hosted elsewhere (files: [{url, label}], mostly Speaker Deck, some
//     SlideShare, Google Slides or a PDF on the event's site with format:
//     pdf), a tenth are bundles, talk-NNNNN/index.md, with a valid PDF of
//     one to three pages beside it, the rest have only a video_url; most
//     of the others have a video_url too. The body is two to four
//     paragraphs. Community, level, duration, tags and licence are as
//     elsewhere in the corpus; the language is English mostly, the local
//     one (es, pt, fr, de, ja) for most talks of events that have one,
//     some written as ISO 639-3 codes (spa, por, eng).
//   - Events entries, content/events/<slug>.md: conferences (eight in
//     ten), sprints after a conference and user-group meetings (a tenth
//     each), drawn from real series between 2010 and 2026, with kind,
//     start and end (a meeting's with its evening's time), timezone,
//     city, country, venue, url, a summary and coordinates for half, a
//     cfp_deadline for a third of the conferences and every upcoming one.
//     A deck names its event by slug. Events that start after the index
//     was taken (1 September 2026) are upcoming and have no talks; the
//     others have 5 to 150 talks each (fewer or more only when the counts
//     leave no choice), a few conferences many, meetings few.
//   - Speakers distinct people, NFC names with accents from lists of
//     given and family names (two family names when the pairs run out),
//     no two of them near-duplicates. Talks per speaker fall off as a
//     Zipf-like law: most give one, the busiest gives about 80 at 25,000
//     decks (in proportion to the square root of the decks at other
//     sizes), their talks spread over all years. One deck in eight has
//     two or three speakers. About a tenth of the speakers, the busiest
//     among them, have a profile,
//     content/people/<slug>.md (name, pronouns for most, url, links,
//     roles for a few, a bio), and decks name them by slug or by name, at
//     random; a few others are written {name, url}.
//
// Every front-matter field is in the format agreed for its kind.
package corpus

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Options size the corpus.
type Options struct {
	Stories int    // success stories; decks are a twentieth, guides a two-hundredth
	Tags    int    // the tag vocabulary; 300 when zero
	Seed    uint64 // the same seed gives the same corpus
	// Photos is how many stories, spread evenly, are bundles with a
	// 2400×1600 JPEG photo as their image: a gradient with noise, so it
	// is about as large as a photo; each different, from its own seed.
	// The rest of the corpus is the same as without.
	Photos int
	// DeckIndex, when its Decks is not zero, adds the deck index (see
	// above); the stories, and what comes in proportion to them, are
	// written only when Stories is not zero. Each part draws from a
	// random source of its own, so neither changes the other.
	DeckIndex DeckIndex
}

var (
	words = strings.Fields("python community fedora developer package release sprint meetup " +
		"conference mentor volunteer workshop keynote library framework " +
		"science data teaching students research contributor maintainer " +
		"docs testing deploy cloud server web api async typing packaging " +
		"wheel build interpreter performance memory cache queue robot " +
		"satellite telescope genome climate finance startup government " +
		"school university museum library newsroom hospital farm")
	communities = []string{"scientific-python", "web", "education", "devops", "data",
		"embedded", "games", "government", "security", "packaging"}
	regions = []string{"north-america", "europe", "india", "australia", "africa",
		"latin-america", "east-asia"}
	first = []string{"Ada", "Grace", "Guido", "Marie", "Nick", "Asheesh", "Brett",
		"Carol", "Ewa", "Lukasz", "Mariatta", "Naomi", "Paul", "Ravi",
		"Sofia", "Tomasz", "Yuki", "Zainab", "Kwame", "Ines"}
	last = []string{"Lovelace", "Hopper", "Nordin", "Coghlan", "Cannon", "Willing",
		"Kowalski", "Okafor", "Tanaka", "Silva", "Singh", "Garcia",
		"Novak", "Mensah", "Haddad", "Larsen", "Moreau", "Ivanova"}
)

// Write writes the corpus into the site folder dir: content/, and the
// stories' decks' files under static/decks/.
func Write(dir string, o Options) error {
	if o.Stories > 0 {
		if err := writeStories(dir, o); err != nil {
			return err
		}
	}
	if o.DeckIndex.Decks > 0 {
		g := &gen{rng: rand.New(rand.NewPCG(o.Seed, 2)), dir: dir}
		return g.writeDeckIndex(o.DeckIndex, o.Tags)
	}
	return nil
}

func writeStories(dir string, o Options) error {
	g := &gen{rng: rand.New(rand.NewPCG(o.Seed, 1)), dir: dir}
	vocab := make([]string, cmp.Or(o.Tags, 300))
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%s-%s-%d", g.pick(words), g.pick(words), i)
	}
	base := time.Date(2015, 1, 1, 9, 0, 0, 0, time.UTC)
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05Z") }

	for i := range o.Stories {
		date := base.Add(time.Duration(7*i+g.rng.IntN(7)) * time.Hour)
		title := g.sentence(4 + g.rng.IntN(6))
		title = strings.NewReplacer("*", "", "`", "", "[", "", "]", "").Replace(strings.TrimSuffix(title, "."))
		title, _, _ = strings.Cut(title, "(")
		name, image := fmt.Sprintf("content/stories/story-%06d.md", i), [][2]string{}
		if o.Photos > 0 && i%max(1, o.Stories/o.Photos) == 0 && i/max(1, o.Stories/o.Photos) < o.Photos {
			name = fmt.Sprintf("content/stories/story-%06d/index.md", i)
			image = [][2]string{{"image", "photo.jpg"}, {"image_alt", quote("A photo of the team")}}
			g.photo(strings.TrimSuffix(name, "index.md")+"photo.jpg", o.Seed, uint64(i))
		}
		g.write(name, append(image, [][2]string{
			{"title", quote(strings.TrimSpace(title))},
			{"date", stamp(date)},
			{"author", quote(g.person())},
			{"organization", quote(strings.ToUpper(g.pick(words)[:1]) + g.pick(words)[1:] + " " + g.pick([]string{"Labs", "Inc", "University", "Foundation", "Agency"}))},
			{"community", g.pick(communities)},
			{"region", g.pick(regions)},
			{"tags", list(g.tags(vocab, 2+g.rng.IntN(4)))},
			{"summary", quote(g.sentence(14))},
		}...), g.body(2+g.rng.IntN(4)))
	}
	for i := range max(1, o.Stories/20) {
		name := fmt.Sprintf("deck-%05d", i)
		g.write("content/decks/"+name+".md", [][2]string{
			{"title", quote(fmt.Sprintf("Python for %s: %s", g.pick(communities), strings.TrimSuffix(g.sentence(3), ".")))},
			{"date", stamp(base.AddDate(0, 0, 3*i))},
			{"event", quote(fmt.Sprintf("PyCon %s %d", g.pick([]string{"US", "DE", "India", "AU", "Africa"}), 2015+i%10))},
			{"audience", g.pick(communities)},
			{"speakers", list([]string{g.person(), g.person()})},
			{"tags", list(g.tags(vocab, 1+g.rng.IntN(3)))},
			{"summary", quote(g.sentence(12))},
			{"files", fmt.Sprintf(`[{path: "/decks/%s.pdf", format: "pdf"}, {path: "/decks/%s.odp", format: "odp"}]`, name, name)},
			{"license", "CC-BY-SA-4.0"},
		}, g.paragraph()+"\n\n"+g.body(1))
		g.file("static/decks/"+name+".pdf", "%PDF-1.4\n% placeholder deck\n")
		g.file("static/decks/"+name+".odp", placeholderODP)
	}
	for i, com := range communities {
		var points strings.Builder
		for n := range 8 {
			fmt.Fprintf(&points, "%d. %s\n", n+1, g.sentence(0))
		}
		g.write("content/talking-points/"+com+".md", [][2]string{
			{"title", quote("Talking points: " + com)},
			{"date", stamp(base.AddDate(0, 0, i))},
			{"audience", com},
			{"tags", list([]string{com})},
			{"summary", quote(g.sentence(10))},
		}, points.String()+"\n"+g.body(2))
	}
	for i := range max(3, o.Stories/200) {
		g.write(fmt.Sprintf("content/guides/guide-%04d.md", i), [][2]string{
			{"title", quote("Organizer guide: " + strings.TrimSuffix(g.sentence(4), "."))},
			{"date", stamp(base.AddDate(0, 0, 10*i))},
			{"weight", fmt.Sprint(i)},
			{"tags", list(g.tags(vocab, 2))},
			{"summary", quote(g.sentence(10))},
		}, g.body(3+g.rng.IntN(4)))
	}
	return g.err
}

// gen holds the random source and the first error of writing.
type gen struct {
	rng *rand.Rand
	dir string
	err error
}

func (g *gen) pick(from []string) string { return from[g.rng.IntN(len(from))] }

func (g *gen) person() string { return g.pick(first) + " " + g.pick(last) }

// tags picks k tags, the first of the vocabulary far more often than the
// last, sorted.
func (g *gen) tags(vocab []string, k int) []string {
	picked := map[string]bool{}
	for len(picked) < min(k, len(vocab)) {
		f := g.rng.Float64()
		picked[vocab[int(float64(len(vocab))*f*f*f)]] = true
	}
	out := make([]string, 0, len(picked))
	for t := range picked {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// sentence is n words (8 to 18 when n is 0), some of them a link, bold or
// code.
func (g *gen) sentence(n int) string {
	if n == 0 {
		n = 8 + g.rng.IntN(11)
	}
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	if g.rng.Float64() < 0.3 {
		j := g.rng.IntN(n)
		ws[j] = fmt.Sprintf("[%s](https://example.org/%s)", ws[j], ws[j])
	}
	if g.rng.Float64() < 0.3 {
		j := g.rng.IntN(n)
		ws[j] = "**" + ws[j] + "**"
	}
	if g.rng.Float64() < 0.2 {
		j := g.rng.IntN(n)
		ws[j] = "`" + ws[j] + "`"
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	ss := make([]string, 3+g.rng.IntN(4))
	for i := range ss {
		ss[i] = g.sentence(0)
	}
	return strings.Join(ss, " ")
}

// body is sections of a heading and paragraphs, with lists, code and
// quotes between them.
func (g *gen) body(sections int) string {
	var out []string
	for range sections {
		out = append(out, "## "+strings.TrimSuffix(g.sentence(4), ".")+"\n", g.paragraph()+"\n")
		switch r := g.rng.Float64(); {
		case r < 0.35:
			for range 3 + g.rng.IntN(4) {
				out = append(out, "- "+g.sentence(6))
			}
			out = append(out, "")
		case r < 0.55:
			out = append(out, "```python\nimport asyncio\n\nasync def main():\n    print('hello, community')\n\nasyncio.run(main())\n```\n")
		case r < 0.7:
			out = append(out, "> "+g.sentence(0)+"\n")
		}
		out = append(out, g.paragraph()+"\n")
	}
	return strings.Join(out, "\n")
}

// write writes a content file: front matter in the order given, a blank
// line, the text.
func (g *gen) write(name string, front [][2]string, text string) {
	var b strings.Builder
	b.WriteString("---\n")
	for _, kv := range front {
		b.WriteString(kv[0] + ": " + kv[1] + "\n")
	}
	b.WriteString("---\n\n" + text)
	g.file(name, b.String())
}

func (g *gen) file(name, data string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(name))
	if g.err = os.MkdirAll(filepath.Dir(p), 0o755); g.err == nil {
		g.err = os.WriteFile(p, []byte(data), 0o644)
	}
}

// photo writes a 2400×1600 JPEG: a gradient with noise, drawn from a
// random source of its own, so the corpus's text is the same with
// photos or without.
func (g *gen) photo(name string, seed, n uint64) {
	if g.err != nil {
		return
	}
	const w, h = 2400, 1600
	rng := rand.New(rand.NewPCG(seed, 1000+n))
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := range h {
		row := img.Y[y*img.YStride:]
		for x := range w {
			row[x] = uint8(min(255, max(0, 40+(150*x)/w+(50*y)/h+int(rng.Uint32()%33)-16)))
		}
	}
	for i := range img.Cb {
		img.Cb[i] = uint8(100 + i%7 + rng.IntN(9))
		img.Cr[i] = uint8(140 + i%5 + rng.IntN(9))
	}
	var b bytes.Buffer
	if g.err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); g.err == nil {
		g.file(name, b.String())
	}
}

func quote(s string) string { return `"` + s + `"` }

func list(items []string) string {
	qs := make([]string, len(items))
	for i, s := range items {
		qs[i] = quote(s)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}

// placeholderODP is the smallest file a check takes for an OpenDocument
// presentation: a zip whose first entry, stored, is its media type.
var placeholderODP = func() string {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, _ := w.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	f.Write([]byte("application/vnd.oasis.opendocument.presentation"))
	w.Close()
	return b.String()
}()
