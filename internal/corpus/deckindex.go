package corpus

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// DeckIndex sizes the deck-index mode; see the package comment.
type DeckIndex struct {
	Decks int // talks; zero leaves the mode off
	// Events are conferences, sprints and meetups; Decks/46 when zero.
	// At most Decks, and at most the events the generator can name.
	Events int
	// Speakers are distinct people; three fifths of Decks when zero, at
	// most Decks.
	Speakers int
}

// indexDay is the day the index was taken: events after it are upcoming
// and have no talks yet. It is fixed, so the corpus does not depend on
// the day it is written.
var indexDay = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)

// series is a conference held once a year, and where.
type series struct {
	name, city, country, tz, venue, lat, lon string
	month, days, from                        int
	url                                      string // with %d for the year
	lang                                     string // the local language of some talks, when not English
	sprints                                  bool   // sprints follow it
}

var conferences = []series{
	{"PyCon US", "Pittsburgh", "US", "America/New_York", "David L. Lawrence Convention Center", "40.4445", "-79.9966", 4, 9, 2010, "https://us.pycon.org/%d/", "", true},
	{"EuroPython", "Prague", "CZ", "Europe/Prague", "Prague Congress Centre", "50.0622", "14.4296", 7, 7, 2010, "https://ep%d.europython.eu/", "", true},
	{"DjangoCon US", "Durham", "US", "America/New_York", "Durham Convention Center", "35.9940", "-78.8986", 10, 5, 2010, "https://%d.djangocon.us/", "", true},
	{"DjangoCon Europe", "Porto", "PT", "Europe/Lisbon", "Alfândega Porto Congress Centre", "41.1429", "-8.6215", 6, 5, 2010, "https://%d.djangocon.eu/", "", true},
	{"PyCon DE", "Berlin", "DE", "Europe/Berlin", "bcc Berlin Congress Center", "52.5200", "13.4167", 4, 3, 2011, "https://%d.pycon.de/", "de", false},
	{"PyData Berlin", "Berlin", "DE", "Europe/Berlin", "Kulturbrauerei", "52.5390", "13.4130", 6, 3, 2014, "https://pydata.org/berlin%d/", "", false},
	{"PyData London", "London", "GB", "Europe/London", "Tower Hotel", "51.5067", "-0.0740", 6, 3, 2014, "https://pydata.org/london%d/", "", false},
	{"PyData NYC", "New York", "US", "America/New_York", "Microsoft Technology Center", "40.7580", "-73.9855", 11, 3, 2013, "https://pydata.org/nyc%d/", "", false},
	{"PyData Paris", "Paris", "FR", "Europe/Paris", "Cité des sciences et de l'industrie", "48.8958", "2.3878", 6, 2, 2015, "https://pydata.org/paris%d/", "fr", false},
	{"PyCon UK", "Cardiff", "GB", "Europe/London", "Cardiff City Hall", "51.4850", "-3.1800", 9, 5, 2010, "https://%d.pyconuk.org/", "", true},
	{"PyCon AU", "Melbourne", "AU", "Australia/Melbourne", "Melbourne Convention and Exhibition Centre", "-37.8255", "144.9530", 8, 4, 2010, "https://%d.pycon.org.au/", "", true},
	{"Kiwi PyCon", "Wellington", "NZ", "Pacific/Auckland", "Te Papa Tongarewa", "-41.2905", "174.7821", 9, 3, 2010, "https://kiwipycon.nz/%d/", "", false},
	{"PyCon India", "Bengaluru", "IN", "Asia/Kolkata", "NIMHANS Convention Centre", "12.9430", "77.5960", 10, 4, 2010, "https://in.pycon.org/%d/", "", false},
	{"PyCon JP", "Tokyo", "JP", "Asia/Tokyo", "Ota City Industrial Plaza PiO", "35.5614", "139.7161", 9, 3, 2011, "https://%d.pycon.jp/", "ja", true},
	{"PyCon Kyushu", "Fukuoka", "JP", "Asia/Tokyo", "Fukuoka University", "33.5497", "130.3650", 1, 1, 2018, "https://kyushu.pycon.jp/%d/", "ja", false},
	{"PyCon Taiwan", "Taipei", "TW", "Asia/Taipei", "Academia Sinica", "25.0410", "121.6147", 6, 2, 2012, "https://tw.pycon.org/%d/", "", false},
	{"PyCon Korea", "Seoul", "KR", "Asia/Seoul", "COEX", "37.5118", "127.0592", 8, 2, 2014, "https://%d.pycon.kr/", "", false},
	{"PyCon APAC", "Singapore", "SG", "Asia/Singapore", "Suntec Singapore", "1.2937", "103.8573", 6, 3, 2010, "https://pycon.sg/%d/", "", false},
	{"Python Brasil", "Belo Horizonte", "BR", "America/Sao_Paulo", "Centro de Convenções Minascentro", "-19.9227", "-43.9451", 10, 5, 2010, "https://%d.pythonbrasil.org.br/", "pt", true},
	{"PyCon Colombia", "Medellín", "CO", "America/Bogota", "Universidad EAFIT", "6.2006", "-75.5783", 2, 3, 2017, "https://%d.pycon.co/", "es", false},
	{"PyCon Argentina", "Buenos Aires", "AR", "America/Argentina/Buenos_Aires", "Ciudad Cultural Konex", "-34.6037", "-58.4106", 11, 3, 2010, "https://%d.pycon.ar/", "es", false},
	{"PyCon Uruguay", "Montevideo", "UY", "America/Montevideo", "Torre de las Telecomunicaciones", "-34.9011", "-56.1645", 10, 2, 2016, "https://%d.pycon.uy/", "es", false},
	{"PyCon Chile", "Santiago", "CL", "America/Santiago", "Universidad de Santiago", "-33.4489", "-70.6693", 10, 3, 2017, "https://%d.pycon.cl/", "es", false},
	{"PyCon Latam", "Puerto Vallarta", "MX", "America/Mexico_City", "Hotel Friendly Vallarta", "20.6534", "-105.2253", 8, 3, 2019, "https://%d.pylatam.org/", "es", false},
	{"PyCon ES", "Granada", "ES", "Europe/Madrid", "Palacio de Congresos de Granada", "37.1717", "-3.5990", 10, 3, 2013, "https://%d.es.pycon.org/", "es", false},
	{"PyCon FR", "Bordeaux", "FR", "Europe/Paris", "Université de Bordeaux", "44.8080", "-0.5960", 2, 4, 2010, "https://www.pycon.fr/%d/", "fr", true},
	{"PyCon Italia", "Florence", "IT", "Europe/Rome", "Grand Hotel Mediterraneo", "43.7696", "11.2558", 5, 4, 2010, "https://%d.pycon.it/", "", false},
	{"PyCon PL", "Szczyrk", "PL", "Europe/Warsaw", "Hotel Gołębiewski", "49.7167", "19.0333", 8, 4, 2010, "https://pl.pycon.org/%d/", "", false},
	{"PyCon CZ", "Brno", "CZ", "Europe/Prague", "Faculty of Information Technology", "49.2265", "16.5965", 6, 3, 2015, "https://cz.pycon.org/%d/", "", false},
	{"PyCon Sweden", "Stockholm", "SE", "Europe/Stockholm", "KTH Royal Institute of Technology", "59.3498", "18.0707", 10, 2, 2014, "https://www.pycon.se/%d/", "", false},
	{"PyCon Ireland", "Dublin", "IE", "Europe/Dublin", "Radisson Blu Royal Hotel", "53.3398", "-6.2713", 11, 2, 2010, "https://python.ie/pycon-%d/", "", false},
	{"PyCon Israel", "Tel Aviv", "IL", "Asia/Jerusalem", "Tel Aviv University", "32.1133", "34.8044", 6, 2, 2016, "https://pycon.org.il/%d/", "", false},
	{"PyConZA", "Durban", "ZA", "Africa/Johannesburg", "Durban ICC", "-29.8587", "31.0218", 10, 2, 2012, "https://za.pycon.org/%d/", "", false},
	{"PyCon Africa", "Accra", "GH", "Africa/Accra", "University of Ghana", "5.6508", "-0.1869", 8, 5, 2019, "https://%d.pycon.africa/", "", false},
	{"SciPy", "Austin", "US", "America/Chicago", "AT&T Hotel and Conference Center", "30.2819", "-97.7405", 7, 6, 2010, "https://scipy%d.scipy.org/", "", true},
	{"EuroSciPy", "Basel", "CH", "Europe/Zurich", "University of Basel", "47.5584", "7.5838", 8, 4, 2010, "https://www.euroscipy.org/%d/", "", false},
	{"GeoPython", "Muttenz", "CH", "Europe/Zurich", "FHNW Campus Muttenz", "47.5336", "7.6423", 6, 3, 2016, "https://%d.geopython.net/", "", false},
	{"PyOhio", "Columbus", "US", "America/New_York", "Ohio Union", "39.9979", "-83.0086", 7, 2, 2010, "https://www.pyohio.org/%d/", "", false},
	{"PyTexas", "Austin", "US", "America/Chicago", "Austin Central Library", "30.2655", "-97.7515", 4, 2, 2013, "https://www.pytexas.org/%d/", "", false},
	{"PyGotham", "New York", "US", "America/New_York", "Hotel Pennsylvania", "40.7496", "-73.9916", 10, 2, 2011, "https://%d.pygotham.org/", "", false},
	{"North Bay Python", "Petaluma", "US", "America/Los_Angeles", "Mystic Theatre", "38.2338", "-122.6404", 7, 2, 2017, "https://%d.northbaypython.org/", "", false},
	{"PyCascades", "Vancouver", "CA", "America/Vancouver", "Vancouver Public Library", "49.2796", "-123.1156", 2, 2, 2018, "https://%d.pycascades.com/", "", false},
	{"PyCon Canada", "Toronto", "CA", "America/Toronto", "Toronto Metropolitan University", "43.6577", "-79.3788", 11, 3, 2012, "https://%d.pycon.ca/", "", false},
	{"PyCon Portugal", "Lisbon", "PT", "Europe/Lisbon", "ISCTE – Instituto Universitário de Lisboa", "38.7480", "-9.1530", 9, 3, 2022, "https://%d.pycon.pt/", "pt", false},
	{"Python Unconference", "Hamburg", "DE", "Europe/Berlin", "Hamburg School of Business Administration", "53.5487", "9.9931", 9, 3, 2014, "https://%d.pyunconf.de/", "de", false},
}

// meetups are user groups that meet monthly, in the evening.
var meetups = []series{
	{"PyLadies Berlin", "Berlin", "DE", "Europe/Berlin", "Betahaus", "", "", 0, 0, 2013, "https://berlin.pyladies.com/", "de", false},
	{"PyMunich", "Munich", "DE", "Europe/Berlin", "Werk1", "", "", 0, 0, 2014, "https://www.meetup.com/pymunich/", "de", false},
	{"Django London", "London", "GB", "Europe/London", "Google Campus", "", "", 0, 0, 2010, "https://www.meetup.com/djangolondon/", "", false},
	{"NYC Python", "New York", "US", "America/New_York", "Microsoft Reactor", "", "", 0, 0, 2010, "https://www.meetup.com/nycpython/", "", false},
	{"ChiPy", "Chicago", "US", "America/Chicago", "Braintree", "", "", 0, 0, 2010, "https://www.chipy.org/", "", false},
	{"SF Python", "San Francisco", "US", "America/Los_Angeles", "Yelp HQ", "", "", 0, 0, 2012, "https://www.meetup.com/sfpython/", "", false},
	{"SyPy", "Sydney", "AU", "Australia/Sydney", "Atlassian", "", "", 0, 0, 2010, "https://www.meetup.com/sydneypython/", "", false},
	{"Montréal-Python", "Montréal", "CA", "America/Toronto", "Notman House", "", "", 0, 0, 2010, "https://montrealpython.org/", "fr", false},
	{"Python Lyon", "Lyon", "FR", "Europe/Paris", "La Cordée", "", "", 0, 0, 2014, "https://www.meetup.com/python-lyon/", "fr", false},
	{"Python Madrid", "Madrid", "ES", "Europe/Madrid", "Campus Madrid", "", "", 0, 0, 2013, "https://www.meetup.com/python-madrid/", "es", false},
	{"PyLadies Rio", "Rio de Janeiro", "BR", "America/Sao_Paulo", "Casa Firjan", "", "", 0, 0, 2015, "https://www.meetup.com/pyladiesrio/", "pt", false},
	{"Python Porto", "Porto", "PT", "Europe/Lisbon", "UPTEC", "", "", 0, 0, 2016, "https://www.meetup.com/python-porto/", "pt", false},
	{"Python Tokyo", "Tokyo", "JP", "Asia/Tokyo", "Shibuya Hikarie", "", "", 0, 0, 2012, "https://tokyo.python.jp/", "ja", false},
	{"Python Nairobi", "Nairobi", "KE", "Africa/Nairobi", "iHub", "", "", 0, 0, 2015, "https://www.meetup.com/python-nairobi/", "", false},
	{"BangPypers", "Bengaluru", "IN", "Asia/Kolkata", "Thoughtworks", "", "", 0, 0, 2010, "https://bangpypers.org/", "", false},
	{"PUG Warsaw", "Warsaw", "PL", "Europe/Warsaw", "Google for Startups Campus", "", "", 0, 0, 2012, "https://www.meetup.com/pywaw/", "", false},
}

// event is one event entry and the talks given there.
type event struct {
	slug, title, kind string
	s                 *series
	start, end        time.Time
	timed             bool // a meetup's evening: start and end have a time
	url               string
	weight            int // how many talks it draws, against the others
	decks             int
}

// A speaker is one person, however many talks they give.
type speaker struct {
	name, slug string
	she, they  bool
	profile    bool
	homepage   string // for some without a profile: written {name, url}
	talks      int
}

const (
	fewestTalks = 5   // an event's, when there are decks enough
	mostTalks   = 150 // an event's, unless there are too many decks
	topSpeaker  = 80  // talks by the busiest speaker, at 25,000 decks
)

// busiest is how many talks the busiest speaker gives in an index of n
// decks: topSpeaker at 25,000, in proportion to the square root of n
// elsewhere, as the years a speaker can be seen in grow slower than the
// index does.
func busiest(n int) int {
	return max(2, int(math.Sqrt(float64(topSpeaker*topSpeaker)*float64(n)/25000)+0.5))
}

// writeDeckIndex writes the deck index of o into g's folder.
func (g *gen) writeDeckIndex(o DeckIndex, tags int) error {
	n := o.Decks
	nEvents := cmp.Or(o.Events, max(1, n/46))
	nSpeakers := cmp.Or(o.Speakers, max(1, n*3/5))
	if nEvents < 0 || nSpeakers < 0 || nEvents > n || nSpeakers > n {
		return fmt.Errorf("a deck index of %d decks takes 1 to %d events and speakers, not %d events and %d speakers", n, n, nEvents, nSpeakers)
	}
	vocab := make([]string, cmp.Or(tags, 300))
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%s-%s-%d", g.pick(words), g.pick(words), i)
	}
	events, err := g.events(nEvents)
	if err != nil {
		return err
	}
	var past []*event
	for _, e := range events {
		if e.start.Before(indexDay) {
			past = append(past, e)
		}
	}
	if len(past) == 0 || len(past) > n {
		return fmt.Errorf("a deck index of %d decks cannot fill %d past events", n, len(past))
	}
	weights := make([]int, len(past))
	for i, e := range past {
		weights[i] = e.weight
	}
	for i, k := range spread(n, weights, min(fewestTalks, n/len(past)), max(mostTalks, (n+len(past)-1)/len(past))) {
		past[i].decks = k
	}

	// Speakers per deck, then who gives how many talks, then who gives
	// which: every speaker's talks dealt out at random.
	perDeck := make([]int, n)
	slots := 0
	for i := range perDeck {
		perDeck[i] = 1
		if r := g.rng.IntN(100); r < 2 {
			perDeck[i] = 3
		} else if r < 12 {
			perDeck[i] = 2
		}
		perDeck[i] = min(perDeck[i], nSpeakers)
		slots += perDeck[i]
	}
	speakers := g.speakers(nSpeakers)
	for k, c := range talkCounts(g.rng, nSpeakers, slots, busiest(n)) {
		speakers[k].talks = c
	}
	dealt := deal(g.rng, speakers, perDeck)

	for _, sp := range speakers {
		if sp.profile {
			g.profile(sp)
		}
	}
	for _, e := range events {
		g.eventEntry(e)
	}
	i := 0
	for _, e := range past {
		for range e.decks {
			g.deck(i, e, dealt[i], vocab)
			i++
		}
	}
	return g.err
}

// events names count events, their dates between 2010 and 2026: eight
// in ten conferences, one in ten sprints after a conference, one in ten
// a user group's meeting, drawn at random from every such event, and
// ordered by start.
func (g *gen) events(count int) ([]*event, error) {
	var conf, sprints, meets []*event
	for i := range conferences {
		s := &conferences[i]
		for year := s.from; year <= 2026; year++ {
			start := time.Date(year, time.Month(s.month), 1+g.rng.IntN(24), 0, 0, 0, 0, time.UTC)
			end := start.AddDate(0, 0, s.days-1)
			name := fmt.Sprintf("%s %d", s.name, year)
			url := fmt.Sprintf(s.url, year)
			r := g.rng.IntN(1000)
			conf = append(conf, &event{slug: slug(name), title: name, kind: "conference", s: s,
				start: start, end: end, url: url, weight: 1 + r*r/1000})
			if s.sprints {
				sprints = append(sprints, &event{slug: slug(name + " sprints"), title: name + " Sprints", kind: "sprint", s: s,
					start: end.AddDate(0, 0, 1), end: end.AddDate(0, 0, 4), url: url + "sprints/", weight: 1})
			}
		}
	}
	for i := range meetups {
		s := &meetups[i]
		for year := s.from; year <= 2026; year++ {
			for month := time.January; month <= time.December; month++ {
				day := 10 + g.rng.IntN(15)
				start := time.Date(year, month, day, 18, 30, 0, 0, time.UTC)
				name := fmt.Sprintf("%s, %s %d", s.name, month, year)
				meets = append(meets, &event{slug: slug(fmt.Sprintf("%s %d %02d", s.name, year, month)), title: name, kind: "meetup", s: s,
					start: start, end: start.Add(150 * time.Minute), timed: true, url: s.url, weight: 1})
			}
		}
	}
	pools := [][]*event{conf, sprints, meets}
	if total := len(conf) + len(sprints) + len(meets); count > total {
		return nil, fmt.Errorf("a deck index has at most %d events, not %d", total, count)
	}
	for _, p := range pools {
		g.rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	}
	var out []*event
	for i := range count {
		want := 0
		switch i % 10 {
		case 4:
			want = 1
		case 9:
			want = 2
		}
		for len(pools[want]) == 0 {
			want = (want + 1) % len(pools)
		}
		out = append(out, pools[want][0])
		pools[want] = pools[want][1:]
	}
	slices.SortFunc(out, func(a, b *event) int { return cmp.Or(a.start.Compare(b.start), strings.Compare(a.slug, b.slug)) })
	return out, nil
}

// spread splits total over len(weights) parts in proportion to the
// weights, each part at least lo and at most hi (lo·len ≤ total ≤
// hi·len): what is left after the parts that reached hi goes again to
// the others.
func spread(total int, weights []int, lo, hi int) []int {
	parts := make([]int, len(weights))
	open := make([]int, len(weights))
	for i := range parts {
		parts[i], open[i] = lo, i
	}
	left := total - lo*len(parts)
	for left > 0 && len(open) > 0 {
		sum := 0
		for _, i := range open {
			sum += weights[i]
		}
		given, still := 0, open[:0]
		for _, i := range open {
			add := min(left*weights[i]/sum, hi-parts[i])
			parts[i] += add
			given += add
			if parts[i] < hi {
				still = append(still, i)
			}
		}
		open, left = still, left-given
		if given == 0 {
			// Less left than a share: one more each to the heaviest.
			slices.SortStableFunc(open, func(a, b int) int { return weights[b] - weights[a] })
			for _, i := range open[:left] {
				parts[i]++
			}
			left = 0
		}
	}
	return parts
}

// talkCounts is how many talks each of n speakers gives, the busiest
// first: slots in all, each at least one, the first top. The others
// follow a truncated Zipf law: about A/j^2.5 speakers give j talks, for
// j from 2 to top-1, rounded at random (so the few busiest are spread
// out, not one at each count), A the largest that gives out no more than
// the slots; the rest give one, and what the law leaves over makes some
// of them give two. Most speakers give one talk, a few give many. When
// the speakers are too few for that, the law is flattened, as far as
// giving them all about as many talks.
func talkCounts(rng *rand.Rand, n, slots, top int) []int {
	extra := slots - n // talks beyond everyone's first
	counts := make([]int, n)
	if extra == 0 {
		for k := range counts {
			counts[k] = 1
		}
		return counts
	}
	top = max(2, min(top, extra+1))
	up := make([]float64, top)
	for j := range up {
		up[j] = rng.Float64()
	}
	for m := 640; m >= 0; m -= 64 { // the exponent, in 256ths
		law := func(a float64) (h []int, sum int) {
			h = make([]int, top+1)
			h[top], sum = 1, top-1
			for j := 2; j < top; j++ {
				h[j] = int(float64(a/power(float64(j), m)) + up[j])
				sum += (j - 1) * h[j]
			}
			return h, sum
		}
		lo, hi := 0.0, float64(extra)
		for range 64 {
			if _, sum := law((lo + hi) / 2); sum <= extra {
				lo = (lo + hi) / 2
			} else {
				hi = (lo + hi) / 2
			}
		}
		h, sum := law(lo)
		h[2] += extra - sum
		if busy := total(h); busy <= n {
			k := 0
			for j := top; j >= 2; j-- {
				for range h[j] {
					counts[k], k = j, k+1
				}
			}
			for ; k < n; k++ {
				counts[k] = 1
			}
			return counts
		}
	}
	for k := range counts {
		counts[k] = slots / n
		if k < slots%n {
			counts[k]++
		}
	}
	return counts
}

func total(xs []int) (s int) {
	for _, x := range xs {
		s += x
	}
	return s
}

// power is x^(m/256), from multiplications and square roots only, which
// IEEE 754 rounds alike on every machine (math.Pow may differ in the
// last bit between platforms, and a count with it).
func power(x float64, m int) float64 {
	r := 1.0
	for range m / 256 {
		r *= x
	}
	for bit := 128; bit >= 1; bit /= 2 {
		x = math.Sqrt(x)
		if m&bit != 0 {
			r *= x
		}
	}
	return r
}

// deal gives each deck its speakers: every speaker's talks, shuffled,
// dealt out in order, perDeck[i] to deck i, with no one twice on a deck.
func deal(rng *rand.Rand, speakers []*speaker, perDeck []int) [][]*speaker {
	var slots []*speaker
	for _, sp := range speakers {
		for range sp.talks {
			slots = append(slots, sp)
		}
	}
	rng.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	deckOf := make([]int, 0, len(slots))
	first := make([]int, len(perDeck)+1)
	for i, k := range perDeck {
		first[i+1] = first[i] + k
		for range k {
			deckOf = append(deckOf, i)
		}
	}
	on := func(d int, sp *speaker, except int) bool {
		for p := first[d]; p < first[d+1]; p++ {
			if p != except && slots[p] == sp {
				return true
			}
		}
		return false
	}
	for p := range slots {
		d := deckOf[p]
		for on(d, slots[p], p) {
			q := rng.IntN(len(slots))
			if e := deckOf[q]; e != d && !on(e, slots[p], q) && !on(d, slots[q], p) {
				slots[p], slots[q] = slots[q], slots[p]
			}
		}
	}
	out := make([][]*speaker, len(perDeck))
	for i := range out {
		out[i] = slots[first[i]:first[i+1]]
	}
	return out
}

// speakers names n people, each unique: a given name and a family name,
// or two family names when the pairs run short. About a tenth, the
// busiest of them all and others at random, have a profile.
func (g *gen) speakers(n int) []*speaker {
	taken := map[string]bool{}
	out := make([]*speaker, n)
	for k := range out {
		sp := &speaker{}
		for tries := 0; ; tries++ {
			she := g.rng.IntN(2) == 0
			given := givenHe
			if she {
				given = givenShe
			}
			name := g.pick(given) + " " + g.pick(family)
			if tries >= 4 {
				// Two family names, always in the order of the list, so
				// that no one is another with their names swapped.
				a, b := g.rng.IntN(len(family)), g.rng.IntN(len(family))
				if a == b {
					continue
				}
				name = strings.Fields(name)[0] + " " + family[min(a, b)] + " " + family[max(a, b)]
			}
			if !taken[fold(name)] {
				taken[fold(name)] = true
				sp.name, sp.she = name, she
				break
			}
		}
		sp.slug = slug(sp.name)
		sp.they = g.rng.IntN(12) == 0
		sp.profile = k < max(1, n/300) || g.rng.IntN(100) < 9
		if !sp.profile && g.rng.IntN(20) == 0 {
			sp.homepage = "https://" + sp.slug + ".example.net/"
		}
		out[k] = sp
	}
	return out
}

// profile writes a speaker's profile entry.
func (g *gen) profile(sp *speaker) {
	handle := strings.ReplaceAll(sp.slug, "-", "")
	front := [][2]string{{"name", quote(sp.name)}}
	if g.rng.IntN(4) > 0 {
		pronouns := "he/him"
		switch {
		case sp.they:
			pronouns = "they/them"
		case sp.she:
			pronouns = "she/her"
		}
		front = append(front, [2]string{"pronouns", pronouns})
	}
	front = append(front,
		[2]string{"url", "https://" + sp.slug + ".example.net/"},
		[2]string{"links", fmt.Sprintf("[{name: Mastodon, url: \"https://fosstodon.org/@%s\"}, {name: GitHub, url: \"https://github.com/%s\"}]", handle, handle)})
	if g.rng.IntN(10) == 0 {
		front = append(front, [2]string{"roles", fmt.Sprintf("[{role: ambassador, community: %s}]", g.pick(communities))})
	}
	g.write("content/people/"+sp.slug+".md", front, g.paragraph()+"\n\n"+g.paragraph()+"\n")
}

// eventEntry writes an event's entry: dates, place and link, a call for
// proposals for some (and every upcoming conference), coordinates for
// half.
func (g *gen) eventEntry(e *event) {
	day := func(t time.Time) string {
		if e.timed {
			return t.Format("2006-01-02T15:04")
		}
		return t.Format("2006-01-02")
	}
	front := [][2]string{{"title", quote(e.title)}}
	if g.rng.IntN(2) == 0 {
		front = append(front, [2]string{"summary", quote(g.sentence(10))})
	}
	front = append(front,
		[2]string{"kind", e.kind},
		[2]string{"start", day(e.start)},
		[2]string{"end", day(e.end)},
		[2]string{"timezone", e.s.tz},
		[2]string{"city", quote(e.s.city)},
		[2]string{"country", e.s.country},
		[2]string{"venue", quote(e.s.venue)})
	if e.s.lat != "" && g.rng.IntN(2) == 0 {
		front = append(front, [2]string{"latitude", e.s.lat}, [2]string{"longitude", e.s.lon})
	}
	front = append(front, [2]string{"url", quote(e.url)})
	if e.kind == "conference" && (!e.start.Before(indexDay) || g.rng.IntN(3) == 0) {
		front = append(front, [2]string{"cfp_deadline", e.start.AddDate(0, 0, -120).Format("2006-01-02")})
	}
	g.write("content/events/"+e.slug+".md", front, g.paragraph()+"\n")
}

// deck writes the i-th talk, given at e by its speakers: half with
// slides hosted elsewhere, a tenth with a PDF in its bundle, the rest a
// recording only; most have a recording.
func (g *gen) deck(i int, e *event, speakers []*speaker, vocab []string) {
	name := fmt.Sprintf("talk-%05d", i)
	title := g.talkTitle()
	date := e.start.AddDate(0, 0, g.rng.IntN(max(1, int(e.end.Sub(e.start).Hours()/24)+1)))
	names := make([]string, len(speakers))
	for k, sp := range speakers {
		switch {
		case sp.profile && g.rng.IntN(2) == 0:
			names[k] = quote(sp.slug)
		case sp.homepage != "":
			names[k] = fmt.Sprintf("{name: %s, url: %s}", quote(sp.name), quote(sp.homepage))
		default:
			names[k] = quote(sp.name)
		}
	}
	front := [][2]string{
		{"title", quote(title)},
		{"date", date.Format("2006-01-02")},
		{"speakers", "[" + strings.Join(names, ", ") + "]"},
		{"event", e.slug},
		{"community", g.pick(communities)},
		{"level", g.pick([]string{"beginner", "beginner", "intermediate", "intermediate", "advanced"})},
		{"duration_minutes", g.pick([]string{"25", "30", "30", "40", "45", "180"})},
		{"language", g.language(e.s.lang)},
		{"tags", list(g.tags(vocab, 1+g.rng.IntN(3)))},
		{"summary", quote(g.sentence(12))},
		{"license", "CC-BY-4.0"},
	}
	file, video := "", true
	switch r := g.rng.IntN(10); {
	case r < 5:
		file, video = g.hostedSlides(speakers[0], e, name, title), g.rng.IntN(100) < 85
	case r < 6:
		file, video = `[{path: slides.pdf, label: "Slides (PDF)"}]`, g.rng.IntN(100) < 70
		g.file("content/decks/"+name+"/slides.pdf", pdf(1+i%3, title))
		name += "/index"
	}
	if file != "" {
		front = append(front, [2]string{"files", file})
	}
	if video {
		front = append(front, [2]string{"video_url", g.video()})
	}
	var body []string
	for range 2 + g.rng.IntN(3) {
		body = append(body, g.paragraph())
	}
	g.write("content/decks/"+name+".md", front, strings.Join(body, "\n\n")+"\n")
}

// hostedSlides is a files list of one link to slides on a hosting
// service, or to a PDF on the event's site.
func (g *gen) hostedSlides(sp *speaker, e *event, name, title string) string {
	user, path := strings.ReplaceAll(sp.slug, "-", ""), slug(title)
	switch r := g.rng.IntN(10); {
	case r < 6:
		return fmt.Sprintf(`[{url: "https://speakerdeck.com/%s/%s", label: Slides}]`, user, path)
	case r < 8:
		return fmt.Sprintf(`[{url: "https://www.slideshare.net/%s/%s", label: Slides}]`, user, path)
	case r < 9:
		return fmt.Sprintf(`[{url: "https://docs.google.com/presentation/d/%s/edit", label: Slides}]`, g.token(44))
	}
	return fmt.Sprintf(`[{url: "%sslides/%s.pdf", label: "Slides (PDF)", format: pdf}]`, e.url, name)
}

// language is a talk's language: English mostly, the local language for
// most talks where there is one, now and then Spanish anywhere; some
// written as ISO 639-3 codes.
func (g *gen) language(local string) string {
	r := g.rng.IntN(100)
	switch {
	case local != "" && r < 60:
	case r < 3:
		local = "es"
	case r < 5:
		return "eng"
	default:
		return "en"
	}
	if g.rng.IntN(3) == 0 {
		switch local {
		case "es":
			return "spa"
		case "pt":
			return "por"
		}
	}
	return local
}

func (g *gen) video() string {
	if g.rng.IntN(10) == 0 {
		return fmt.Sprintf("https://vimeo.com/%d", 10000000+g.rng.IntN(900000000))
	}
	return "https://www.youtube.com/watch?v=" + g.token(11)
}

// token is n characters of a URL-safe alphabet, as video and document
// ids are.
func (g *gen) token(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *gen) talkTitle() string {
	w := func() string { return g.pick(words) }
	up := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	switch g.rng.IntN(6) {
	case 0:
		return up(w()) + " " + w() + " with Python"
	case 1:
		return "Building a " + w() + " " + w() + " in Python"
	case 2:
		return "What " + w() + " taught us about " + w()
	case 3:
		return up(w()) + " and " + w() + " at scale"
	case 4:
		return "Lessons from a " + w() + " " + w()
	}
	return up(w()) + " for " + w() + ": " + g.pick(words) + " in practice"
}

// pdf is a valid PDF of n empty pages whose document title is title, its
// cross-reference table pointing at each object.
func pdf(n int, title string) string {
	var b strings.Builder
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+4)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj(fmt.Sprintf("<< /Title (%s) >>", strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(title)))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.String()
}
