package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/storyhub/storyhub/internal/cards"
	"github.com/storyhub/storyhub/internal/content"
	"github.com/storyhub/storyhub/internal/site"
)

// Link previews. Every entry and every community page has its own
// preview card, a PNG drawn at build time (internal/cards) at
// <page URL>card.png; every other page (home, lists, tags, search, 404)
// shows the site's card at /card.png. Pages name their card in their
// head (View.Preview). A card is planned like any output and drawn on
// every core; what it shows is read through the model's methods, so a
// card is made again only when its page's own values, its community's
// or section's name change (never for a body edit), and then, through
// Pass.Cache, drawn only when what it shows changed: the key is every
// text drawn, the font's hash, the photo's SHA-256 and the way of
// drawing (cards.Version).
//
// Text the font cannot draw is not drawn as empty boxes: an entry whose
// card would need it shows the site's card instead, with a warning at
// the field that holds the text; the site's own card leaves such
// characters out, with a warning at site.toml.

// PNG is the media type of preview cards; they are written as they are.
const PNG = "image/png"

// siteCardURL is the site's own preview card.
const siteCardURL = "/card.png"

// cardFile is the name of an entry's or community's card in its folder.
const cardFile = "card.png"

// cardPlan is what the plan's cards share: the font, and the warnings
// planning found.
type cardPlan struct {
	font     *cards.Font
	fontSum  [32]byte
	fontName string // for messages: "the Go fonts", or card_font's path
	siteFS   fs.FS
	site     *cardSpec
	problems content.ErrorList
}

// cardSpec is one planned card.
type cardSpec struct {
	url       string // its site path
	page      *site.Page
	section   *site.Section
	community *site.Community // of a community page
}

// newCardPlan loads the site's card font: card_font, or the Go fonts.
func newCardPlan(s *site.Site, siteFS fs.FS) (*cardPlan, error) {
	cp := &cardPlan{siteFS: siteFS, fontName: "the Go fonts", site: &cardSpec{url: siteCardURL}}
	if name := s.Config.CardFont; name != "" {
		bad := func(msg string) error {
			return content.ErrorList{&content.Error{Pos: s.Config.CardFontPos, Msg: "card_font " + strconv.Quote(name) + " " + msg,
				Hint: "give a TrueType (.ttf) or OpenType (.otf) font file in the site, or remove card_font to use the Go fonts"}}
		}
		data, err := fs.ReadFile(siteFS, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, bad("is not in the site")
		} else if err != nil {
			return nil, bad("cannot be read (" + errText(err) + ")")
		}
		if cp.font, err = cards.ParseFont(data); err != nil {
			return nil, bad("is not a font this program can draw with: " + err.Error())
		}
		cp.fontName = name
	} else {
		cp.font = cards.GoFonts()
	}
	cp.fontSum = cp.font.Sum()
	// The site's card draws what it can, and says what it cannot.
	c := cp.siteCard(s)
	for _, f := range []struct{ name, text string }{{"title", c.Title}, {"description", c.Byline}} {
		if missing := cp.font.Missing(f.text); missing != nil {
			cp.problems.Warn(content.Pos{File: site.ConfigFile}, fmt.Sprintf("the site's %s has characters %s cannot draw (%s): the site's preview card leaves them out", f.name, cp.fontName, runeList(missing)), cardFontHint)
		}
	}
	return cp, nil
}

const cardFontHint = "set card_font in site.toml to a font that has them, such as a Noto font for the script"

// errText is an error without the path, which the message names.
func errText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// runeList shows characters for a message: 李 (U+674E), 雷 (U+96F7).
func runeList(rs []rune) string {
	parts := make([]string, 0, min(len(rs), 6))
	for i, r := range rs {
		if i == 5 {
			parts = append(parts, "and "+strconv.Itoa(len(rs)-5)+" more")
			break
		}
		parts = append(parts, fmt.Sprintf("%s (U+%04X)", strconv.QuoteRuneToGraphic(r), r))
	}
	return strings.Join(parts, ", ")
}

// forPage plans the card of an entry, or, when the font cannot draw its
// text, warns and gives the site's card.
func (cp *cardPlan) forPage(s *site.Site, p *site.Page, sec *site.Section) *cardSpec {
	c, field := entryCard(s, p.Doc, sec, p.Community)
	for _, f := range []struct{ key, text string }{{"title", c.Title}, {field, c.Byline}, {"community", c.Kicker}} {
		if missing := cp.font.Missing(f.text); missing != nil {
			cp.problems.Warn(p.FieldPos(f.key), fmt.Sprintf("the preview card cannot draw %s with %s: the page shows the site's card instead", runeList(missing), cp.fontName), cardFontHint)
			return cp.site
		}
	}
	return &cardSpec{url: p.URL + cardFile, page: p, section: sec}
}

// forCommunity plans a community page's card, as forPage does.
func (cp *cardPlan) forCommunity(s *site.Site, c *site.Community) *cardSpec {
	card := communityCard(s, c)
	if missing := cp.font.Missing(card.Title + card.Byline); missing != nil {
		cp.problems.Warn(content.Pos{File: site.ConfigFile}, fmt.Sprintf("the preview card of community %s cannot draw %s with %s: its page shows the site's card instead", c.Slug, runeList(missing), cp.fontName), cardFontHint)
		return cp.site
	}
	return &cardSpec{url: c.URL + cardFile, community: c}
}

// entryCard is what an entry's card shows: its section and community,
// its title, its people (authors, speakers or owners: an entry has those
// of its kind), and the site's name. field is the front matter key of
// the people.
func entryCard(s *site.Site, d *content.Doc, sec *site.Section, c *site.Community) (card cards.Card, field string) {
	card = cards.Card{Kicker: sec.Title, Title: d.Title, Site: s.Config.Title}
	if c != nil {
		card.Kicker += " · " + c.Name
	}
	people, field := d.Authors, "authors"
	if len(d.Speakers) > 0 {
		people, field = d.Speakers, "speakers"
	} else if len(d.Owners) > 0 {
		people, field = d.Owners, "owners"
	}
	if len(people) > 0 {
		names := make([]string, len(people))
		for i, p := range people {
			names[i] = p.Name
		}
		card.Byline = "By " + joinNames(names)
	}
	return card, field
}

// joinNames is "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// communityCard is what a community page's card shows.
func communityCard(s *site.Site, c *site.Community) cards.Card {
	return cards.Card{Kicker: "Community", Title: c.Name, Byline: communitySummary(c), Site: s.Config.Title}
}

// communitySummary is a community page's description.
func communitySummary(c *site.Community) string {
	if c.Description != "" {
		return c.Description
	}
	return "Talking points, decks and stories for " + c.Name + "."
}

// siteCard is what the site's card shows: its title and description,
// over its address.
func (cp *cardPlan) siteCard(s *site.Site) cards.Card {
	host := s.Config.BaseURL
	if u, err := url.Parse(host); err == nil && u.Host != "" {
		host = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	return cards.Card{Title: s.Config.Title, Byline: s.Config.Description, Site: host}
}

// card is what spec shows, read through the model's methods (so that the
// output's reads are what it drew), with the site path of its photo and
// the photo's SHA-256, when it has one.
func (cp *cardPlan) card(spec *cardSpec, s *site.Site, rec *recorder) (c cards.Card, photo, photoSum string) {
	switch {
	case spec.page != nil:
		p := pageOf(spec.page, rec)
		// Which community is the front matter's, a page's own value:
		// the page's links (its neighbours, related pages) are not read.
		c, _ = entryCard(s, p.Doc, sectionOf(spec.section, rec).siteSection, spec.page.Community)
		if com := communityOf(spec.page.Community, rec); com != nil {
			_ = com.Name // recorded: its name is drawn
		}
		if d := p.Doc; d.Image != "" && d.ImageSHA256 != "" && rasterPhoto(d.Image) {
			photo, photoSum = d.Image, d.ImageSHA256
			if strings.HasPrefix(photo, "/") {
				photo = "static" + photo
			} else {
				photo = path.Join(path.Dir(d.Path), photo)
			}
		}
	case spec.community != nil:
		c = communityCard(s, communityOf(spec.community, rec).siteCommunity)
	default:
		c = cp.siteCard(s)
	}
	return c, photo, photoSum
}

// rasterPhoto reports whether a card can be drawn over an image: PNG or
// JPEG. Other pictures (SVG, GIF, WebP, AVIF) give the plain card.
func rasterPhoto(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

// output is the planned output that makes spec's card.
func (cp *cardPlan) output(spec *cardSpec, s *site.Site) Output {
	claim := made("the site's preview card")
	switch {
	case spec.page != nil:
		claim = &Claim{at: content.Pos{File: spec.page.Path}, by: byCard}
	case spec.community != nil:
		claim = made("the preview card of community " + spec.community.Slug)
	}
	return Output{Path: OutputPath(spec.url), MediaType: PNG, Claim: claim,
		render: func(buf *bytes.Buffer, pass *Pass, rec *recorder) error {
			return cp.make(spec, s, pass, rec, buf)
		},
		cacheKey: func(pass *Pass) string {
			c, _, photoSum := cp.card(spec, s, nil)
			return cp.key(pass, &c, photoSum)
		},
	}
}

// key is the cache's key of card c, drawn over the photo whose hash is
// photoSum.
func (cp *cardPlan) key(pass *Pass, c *cards.Card, photoSum string) string {
	return pass.Cache.Key("card", []byte(cards.Version), cp.fontSum[:],
		[]byte(strconv.Itoa(cards.Width)+"x"+strconv.Itoa(cards.Height)),
		[]byte(c.Kicker), []byte(c.Title), []byte(c.Byline), []byte(c.Site), []byte(photoSum))
}

// make draws spec's card into buf, or takes it from the cache.
func (cp *cardPlan) make(spec *cardSpec, s *site.Site, pass *Pass, rec *recorder, buf *bytes.Buffer) error {
	c, photo, photoSum := cp.card(spec, s, rec)
	key := cp.key(pass, &c, photoSum)
	if data, ok := pass.Cache.Get(key); ok {
		buf.Write(data)
		return nil
	}
	if photo != "" {
		data, err := fs.ReadFile(cp.siteFS, photo)
		if err != nil {
			return fmt.Errorf("the preview card of %s: %w", spec.page.Path, err)
		}
		c.Photo = data
	}
	start := buf.Len()
	if err := cp.font.Draw(&c, buf); err != nil {
		if spec.page != nil {
			return content.ErrorList{&content.Error{Pos: spec.page.FieldPos("image"), Msg: "the preview card cannot be drawn over the image: " + err.Error(),
				Hint: "save the image again as PNG or JPEG, at most a few thousand pixels wide"}}
		}
		return err
	}
	// A cache that cannot be written costs the next build a drawing,
	// nothing more.
	_ = pass.Cache.Put(key, buf.Bytes()[start:])
	return nil
}

// Preview is what a page's head tells link previews: its card, and
// whether it is an article.
type Preview struct {
	Image         string // absolute URL of the card
	Width, Height int
	Alt           string // what the card shows
	Type          string // og:type: article for entries, website otherwise
}

// Preview is the page's link preview.
func (v *View) Preview() *Preview {
	spec := v.card
	if spec == nil {
		spec = v.cards.site
	}
	pv := &Preview{Image: v.Abs(spec.url), Width: cards.Width, Height: cards.Height, Type: "website"}
	if v.Page != nil || v.Alias != nil {
		pv.Type = "article"
	}
	s := v.Site.siteSite
	c, photo, _ := v.cards.card(spec, s, v.rec)
	alt := make([]string, 0, 4)
	for _, t := range []string{c.Kicker, c.Title, c.Byline, c.Site} {
		if t != "" {
			alt = append(alt, t)
		}
	}
	pv.Alt = "Preview card: " + strings.Join(alt, " · ")
	if photo != "" {
		pv.Alt += ", over the photo: " + spec.page.ImageAlt
	}
	return pv
}
