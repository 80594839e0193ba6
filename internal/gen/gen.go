package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/scoring"
)

// Options configures the generator; the zero value is valid and gives the
// defaults.
type Options struct {
	// Seed selects the population: the same seed gives the same candidates.
	Seed uint64
	// Start is the number of the first candidate; candidate number k has id
	// "gen-%07d" of k and depends only on Seed and k, so
	// Candidates(Options{Start: 1000}, 10) equals
	// Candidates(Options{}, 1010)[1000:].
	Start int
	// Now is the reference date: no credential is issued after it and
	// careers end at it. The zero value means DefaultNow.
	Now time.Time
}

// DefaultNow is the reference date used when Options.Now is zero.
var DefaultNow = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)

// Candidate returns the i-th candidate of the stream opts describes (number
// opts.Start+i). It depends on nothing else, so any range of candidates can
// be generated independently and in parallel.
func Candidate(opts Options, i int) scoring.Candidate {
	var g generator
	num := opts.Start + i
	g.init(opts, num)
	return g.candidate(num)
}

// Candidates returns n candidates, numbers opts.Start to opts.Start+n-1.
// Large slices are generated in parallel; the result does not depend on it.
func Candidates(opts Options, n int) []scoring.Candidate {
	if n <= 0 {
		return nil
	}
	out := make([]scoring.Candidate, n)
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if workers <= 1 {
		for i := range out {
			out[i] = Candidate(opts, i)
		}
		return out
	}
	var g errgroup.Group
	per := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += per {
		hi := min(lo+per, n)
		g.Go(safe.Guard(func() error {
			for i := lo; i < hi; i++ {
				out[i] = Candidate(opts, i)
			}
			return nil
		}))
	}
	if err := g.Wait(); err != nil {
		// Only a panic fails a part: raise it here, on the caller's
		// goroutine, with the stack of the part that panicked.
		panic(err)
	}
	return out
}

// parallelMin is the least work, in candidates, worth a goroutine.
const parallelMin = 2048

// jsonlChunk is how many candidates one WriteJSONL worker encodes at a time.
const jsonlChunk = 1024

// WriteJSONL writes n candidates (numbers opts.Start to opts.Start+n-1) to
// w as JSON Lines: one compact JSON object per line, in order. It streams:
// memory stays bounded whatever n is. Chunks are generated and encoded in
// parallel; the output is the same byte for byte.
func WriteJSONL(w io.Writer, opts Options, n int) error {
	if n <= 0 {
		return nil
	}
	workers := runtime.GOMAXPROCS(0)
	if workers <= 1 || n <= jsonlChunk {
		buf := new(bytes.Buffer)
		for lo := 0; lo < n; lo += jsonlChunk {
			buf.Reset()
			if err := encodeChunk(buf, opts, lo, min(lo+jsonlChunk, n)); err != nil {
				return err
			}
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}

	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	g, ctx := errgroup.WithContext(context.Background())
	// pending holds each chunk's result channel in output order; its
	// capacity bounds the chunks in flight.
	pending := make(chan chan *bytes.Buffer, workers)
	g.Go(safe.Guard(func() error {
		defer close(pending)
		for lo := 0; lo < n; lo += jsonlChunk {
			ch := make(chan *bytes.Buffer, 1)
			select {
			case pending <- ch:
			case <-ctx.Done():
				return nil
			}
			hi := min(lo+jsonlChunk, n)
			g.Go(safe.Guard(func() error {
				buf := pool.Get().(*bytes.Buffer)
				buf.Reset()
				if err := encodeChunk(buf, opts, lo, hi); err != nil {
					return err
				}
				ch <- buf
				return nil
			}))
		}
		return nil
	}))
	g.Go(safe.Guard(func() error {
		for ch := range pending {
			select {
			case buf := <-ch:
				_, err := w.Write(buf.Bytes())
				pool.Put(buf)
				if err != nil {
					return err
				}
			case <-ctx.Done():
				// A chunk failed: Wait returns its error.
				return nil
			}
		}
		return nil
	}))
	return g.Wait()
}

func encodeChunk(buf *bytes.Buffer, opts Options, lo, hi int) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	for i := lo; i < hi; i++ {
		c := Candidate(opts, i)
		if err := enc.Encode(&c); err != nil {
			return err
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Random numbers

// rng is a PCG generator with the few draws the generator needs; it lives
// on the stack.
type rng struct{ p rand.PCG }

func mix64(x uint64) uint64 { // splitmix64
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (r *rng) seed(seed uint64, num int) {
	r.p.Seed(mix64(seed), mix64(uint64(num)^mix64(seed^0x6a09e667f3bcc909)))
}

// intn returns a number in [0, n); n must be positive and below 2^32.
func (r *rng) intn(n int) int { return int(((r.p.Uint64() >> 32) * uint64(n)) >> 32) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.p.Uint64()>>11) / (1 << 53) }

func (r *rng) chance(p float64) bool { return r.float() < p }

// norm returns a standard normal deviate (Box-Muller).
func (r *rng) norm() float64 {
	u := 1 - r.float()
	v := r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// spelling picks a spelling: the first, most common one most of the time.
func spelling(r *rng, xs []string) string {
	if len(xs) == 1 || r.chance(0.6) {
		return xs[0]
	}
	return xs[1+r.intn(len(xs)-1)]
}

// wtable picks indices with given integer weights.
type wtable struct {
	cum []uint32
}

func newWtable(weights []uint32) wtable {
	t := wtable{cum: make([]uint32, len(weights))}
	var sum uint32
	for i, w := range weights {
		sum += w
		t.cum[i] = sum
	}
	if sum == 0 {
		panic("gen: weight table with no weight")
	}
	return t
}

func (t *wtable) pick(r *rng) int {
	x := uint32(r.intn(int(t.cum[len(t.cum)-1])))
	lo, hi := 0, len(t.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if t.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// bits is a small set of indices.
type bits [4]uint64

func (b *bits) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b *bits) add(i int)      { b[i>>6] |= 1 << (i & 63) }

// ---------------------------------------------------------------------------
// The generator

// Personas shape a profile's skills, certifications and summary.
const (
	javaDev  = iota // Java / Spring backend
	dataEng         // Spark / Hadoop data engineer
	otherDev        // full-stack, front-end, DevOps
	personas
)

type generator struct {
	r           rng
	skillIdx    [10]int16 // the chosen skills' vocabulary indices
	nSkills     int
	nowY        int
	nowM        int
	nowD        int
	persona     int
	yoe         float64
	careerStart int
}

func (g *generator) init(opts Options, num int) {
	g.r.seed(opts.Seed, num)
	now := opts.Now
	if now.IsZero() {
		now = DefaultNow
	}
	y, m, d := now.Date()
	g.nowY, g.nowM, g.nowD = y, int(m), d
}

func (g *generator) candidate(num int) scoring.Candidate {
	r := &g.r
	var c scoring.Candidate
	c.ID = candidateID(num)

	switch x := r.float(); {
	case x < 0.55:
		g.persona = javaDev
	case x < 0.80:
		g.persona = dataEng
	default:
		g.persona = otherDev
	}
	g.yoe = g.years()
	c.YearsExperience = g.yoe
	g.careerStart = g.nowY - int(g.yoe)

	c.Name, c.Email = g.nameEmail()
	loc := &locations[locationTable.pick(r)]
	if !r.chance(0.03) {
		c.Location = loc.name
	}
	if r.chance(0.88) {
		c.DesiredSalary = g.salary(loc.pay)
	}
	c.Skills = g.skills()
	c.Certifications = g.certs()
	c.Summary = g.summary(c.Skills)
	return c
}

func candidateID(num int) string {
	var b [32]byte
	s := append(b[:0], "gen-"...)
	if num < 0 {
		s = append(s, '-')
	}
	u := uint64(num)
	if num < 0 {
		u = -u
	}
	var d [20]byte
	ds := strconv.AppendUint(d[:0], u, 10)
	for i := len(ds); i < 7; i++ {
		s = append(s, '0')
	}
	return string(append(s, ds...))
}

// years returns years of experience in 0..30 with one decimal, mostly 2 to
// 12 (log-normal around 6.5).
func (g *generator) years() float64 {
	r := &g.r
	var y float64
	if r.chance(0.05) {
		y = 2 * r.float() // graduates and career changers
	} else {
		y = math.Exp(math.Log(6.5) + 0.6*r.norm())
	}
	y = math.Round(min(max(y, 0), 30)*10) / 10
	return y
}

func (g *generator) nameEmail() (name, email string) {
	r := &g.r
	f := &firstNames[r.intn(len(firstNames))]
	l := &lastNames[r.intn(len(lastNames))]
	name = f.name + " " + l.name
	if r.chance(0.04) {
		return name, ""
	}
	var b [96]byte
	s := b[:0]
	switch r.intn(6) {
	case 0, 1:
		s = append(append(append(s, f.key...), '.'), l.key...)
	case 2:
		s = append(append(s, f.key[0]), l.key...)
	case 3:
		s = append(append(s, f.key...), l.key...)
		s = strconv.AppendInt(s, int64(10+r.intn(90)), 10)
	case 4:
		s = append(append(append(s, f.key...), '_'), l.key...)
	default:
		s = append(append(append(s, f.key[0]), '.'), l.key...)
	}
	s = append(append(s, '@'), pick(r, emailDomains)...)
	return name, string(s)
}

// salary returns a desired salary in 40k..220k from years and location.
func (g *generator) salary(pay float64) float64 {
	r := &g.r
	base := (58000 + 5200*min(g.yoe, 22)) * pay * (0.85 + 0.35*r.float())
	if g.persona == dataEng {
		base *= 1.05
	}
	step := 1000.0
	if r.chance(0.3) {
		step = 5000
	}
	s := math.Round(base/step) * step
	if s < 40000 {
		s = 40000 + float64(r.intn(10))*1000
	}
	return min(s, 220000)
}

func (g *generator) skills() []string {
	r := &g.r
	n := 2 + r.intn(5) + r.intn(5) // 2..10, mostly 5-7
	out := make([]string, 0, n)
	var used bits
	g.nSkills = 0
	if core := coreSkill[g.persona]; core >= 0 && r.chance(0.9) {
		used.add(core)
		out = append(out, g.skill(core))
	}
	t := &skillTables[g.persona]
	for tries := 0; len(out) < n && tries < 8*n; tries++ {
		i := t.pick(r)
		if used.has(i) {
			continue
		}
		used.add(i)
		out = append(out, g.skill(i))
	}
	for i := 0; len(out) < 2; i++ { // never reached in practice; keeps the 2-skill floor certain
		if !used.has(i) && skillVocab[i].w[g.persona] > 0 {
			used.add(i)
			out = append(out, g.skill(i))
		}
	}
	return out
}

func (g *generator) skill(i int) string {
	g.skillIdx[g.nSkills] = int16(i)
	g.nSkills++
	return spelling(&g.r, skillVocab[i].names)
}

// certCount draws how many certifications a profile lists before
// prerequisites: none for about a quarter.
func (g *generator) certCount() int {
	switch x := g.r.float(); {
	case x < 0.25:
		return 0
	case x < 0.61:
		return 1
	case x < 0.84:
		return 2
	case x < 0.95:
		return 3
	}
	return 4
}

const maxCerts = 4

func (g *generator) certs() []scoring.Credential {
	r := &g.r
	k := g.certCount()
	if k == 0 {
		return nil
	}
	out := make([]scoring.Credential, 0, maxCerts)
	var used bits
	t := &certTables[g.persona]
	for tries := 0; len(out) < k && tries < 4*k+4; tries++ {
		ti := t.pick(r)
		if used.has(ti) {
			continue
		}
		ct := &certTemplates[ti]
		lo, hi := max(ct.from, g.careerStart-2), g.nowY
		if ct.to != 0 {
			hi = min(hi, ct.to)
		}
		if lo > hi {
			continue // not in this career
		}
		used.add(ti)
		var date scoring.Date
		if !ct.undated || r.chance(0.2) {
			date = g.dateIn(lo + r.intn(hi-lo+1))
		}
		out = append(out, g.credential(ct, date))
		if len(ct.pre) == 0 || len(out) >= maxCerts || date.IsZero() || !r.chance(ct.preP) {
			continue
		}
		// The prerequisite, earned some months before.
		before := g.monthsBefore(date, 2+r.intn(ct.preMonths))
		pi := ct.preFor(r, before.Year)
		if used.has(pi) {
			continue
		}
		used.add(pi)
		out = append(out, g.credential(&certTemplates[pi], before))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func (g *generator) credential(ct *certTemplate, date scoring.Date) scoring.Credential {
	r := &g.r
	if ct.id != "" && r.chance(0.15) {
		cr := scoring.Credential{ID: ct.id, Version: ct.version, Date: date}
		if r.chance(0.1) {
			cr.Version = ""
		}
		return cr
	}
	cr := scoring.Credential{Name: pick(r, ct.names), Date: date}
	if ct.issuer != "" && r.chance(0.5) {
		cr.Issuer = ct.issuer
	}
	if ct.valid > 0 && !date.IsZero() && r.chance(0.2) {
		cr.Expires = addMonths(date, ct.valid)
	}
	if !date.IsZero() {
		switch x := r.float(); {
		case x < 0.08:
			var b [64]byte
			s := append(b[:0], "https://www.credly.com/badges/"...)
			s = strconv.AppendUint(s, r.p.Uint64(), 16)
			cr.URL = string(s)
		case x < 0.14:
			var b [32]byte
			s := append(b[:0], ct.idPrefix()...)
			s = strconv.AppendInt(s, int64(100000+r.intn(900000)), 10)
			cr.CredentialID = string(s)
		}
	}
	return cr
}

// dateIn returns a date in year y, not after now, written as a year, a month
// or a day.
func (g *generator) dateIn(y int) scoring.Date {
	r := &g.r
	m := 1 + r.intn(12)
	if y == g.nowY && m > g.nowM {
		m = 1 + r.intn(g.nowM)
	}
	last := daysIn(y, m)
	if y == g.nowY && m == g.nowM {
		last = g.nowD
	}
	d := 1 + r.intn(last)
	return g.precision(scoring.Date{Year: y, Month: m, Day: d})
}

func (g *generator) precision(d scoring.Date) scoring.Date {
	switch x := g.r.float(); {
	case x < 0.3:
		d.Month, d.Day = 0, 0
	case x < 0.7:
		d.Day = 0
	}
	return d
}

// monthsBefore returns a date about n months before d, at its own precision.
func (g *generator) monthsBefore(d scoring.Date, n int) scoring.Date {
	m := d.Month
	if m == 0 {
		last := 12
		if d.Year == g.nowY {
			last = g.nowM
		}
		m = 1 + g.r.intn(last)
	}
	y, m := d.Year, m-n
	for m < 1 {
		m += 12
		y--
	}
	return g.precision(scoring.Date{Year: y, Month: m, Day: 1 + g.r.intn(daysIn(y, m))})
}

// addMonths adds n months to d, keeping its precision.
func addMonths(d scoring.Date, n int) scoring.Date {
	if d.Month == 0 {
		d.Year += (n + 11) / 12
		return d
	}
	m := d.Month - 1 + n
	d.Year += m / 12
	d.Month = m%12 + 1
	if d.Day != 0 {
		d.Day = min(d.Day, daysIn(d.Year, d.Month))
	}
	return d
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ---------------------------------------------------------------------------
// Summary

// summary writes 15 to 40 words from sentence templates. In a template,
// %r is a role, %y the years, %d a business domain, and %t, %l, %s, %e, %c
// one of the candidate's technologies: any, a language or framework, a
// data store, an engine or message broker, a cloud or platform (lower-cased
// now and then, as people write). A candidate without one of the kind gets
// a staple of their persona.
func (g *generator) summary(skills []string) string {
	r := &g.r
	var sk summarySkills
	for j, s := range skills {
		k := int(skillKind[g.skillIdx[j]])
		if k == kTool {
			continue
		}
		sk.add(kAny, s)
		if k != kAny {
			sk.add(k, s)
		}
	}
	for k := range sk.next {
		if sk.n[k] > 0 {
			sk.next[k] = r.intn(sk.n[k])
		}
	}

	var buf [400]byte
	var scratch [200]byte
	out := buf[:0]
	target := 15 + r.intn(26)
	s := g.expand(scratch[:0], pick(r, openers), &sk)
	out = append(out, s...)
	words := countWords(s)
	body := summaryBodies[g.persona]
	var usedBody, usedCloser bits
	for tries := 0; words < target && tries < 8; tries++ {
		var tmpl string
		if r.chance(0.3) {
			i := r.intn(len(summaryClosers))
			if usedCloser.has(i) {
				continue
			}
			usedCloser.add(i)
			tmpl = summaryClosers[i]
		} else {
			i := r.intn(len(body))
			if usedBody.has(i) {
				continue
			}
			usedBody.add(i)
			tmpl = body[i]
		}
		s := g.expand(scratch[:0], tmpl, &sk)
		w := countWords(s)
		if words+w > 40 {
			continue
		}
		out = append(append(out, ' '), s...)
		words += w
	}
	return string(out)
}

// Kinds of skill, for summaries.
const (
	kAny    = iota // a technology of no particular kind; as a slot, any technology
	kTool          // a tool or practice: never named as what someone builds with
	kLang          // language or application framework
	kStore         // data store
	kEngine        // processing engine or message broker
	kCloud         // cloud or platform
	kinds
)

type summarySkills struct {
	by   [kinds][10]string
	n    [kinds]int
	next [kinds]int
}

func (sk *summarySkills) add(k int, s string) {
	sk.by[k][sk.n[k]] = s
	sk.n[k]++
}

// staples stand in for a kind of technology a candidate does not list.
var staples = [personas][kinds][]string{
	javaDev: {
		kAny: {"Java", "Spring Boot", "Kafka"}, kLang: {"Java", "Spring Boot"},
		kStore: {"PostgreSQL", "MySQL"}, kEngine: {"Kafka", "RabbitMQ"}, kCloud: {"AWS", "Kubernetes"},
	},
	dataEng: {
		kAny: {"Spark", "Hadoop", "Kafka"}, kLang: {"Scala", "Python"},
		kStore: {"Hive", "HBase"}, kEngine: {"Spark", "Kafka"}, kCloud: {"AWS", "Azure"},
	},
	otherDev: {
		kAny: {"Java", "Docker", "React"}, kLang: {"TypeScript", "Java"},
		kStore: {"PostgreSQL", "MongoDB"}, kEngine: {"Kafka", "RabbitMQ"}, kCloud: {"AWS", "Kubernetes"},
	},
}

var slotKinds = [256]int8{'t': kAny + 1, 'l': kLang + 1, 's': kStore + 1, 'e': kEngine + 1, 'c': kCloud + 1}

func (g *generator) expand(dst []byte, tmpl string, sk *summarySkills) []byte {
	r := &g.r
	for i := 0; i < len(tmpl); i++ {
		ch := tmpl[i]
		if ch != '%' || i+1 == len(tmpl) {
			dst = append(dst, ch)
			continue
		}
		i++
		switch ch = tmpl[i]; ch {
		case 'r':
			roles := summaryRoles[g.persona]
			if g.yoe < 2 {
				roles = juniorRoles
			} else if g.yoe >= 10 && r.chance(0.5) {
				roles = seniorRoles[g.persona]
			}
			dst = append(dst, pick(r, roles)...)
		case 'y':
			switch n := int(g.yoe + 0.5); {
			case g.yoe < 1:
				dst = append(dst, "under a year"...)
			case n == 1:
				dst = append(dst, "one year"...)
			default:
				dst = strconv.AppendInt(dst, int64(n), 10)
				dst = append(dst, " years"...)
			}
		case 'd':
			dst = append(dst, pick(r, domains)...)
		default:
			k := int(slotKinds[ch]) - 1
			if k < 0 {
				dst = append(dst, '%', ch)
				continue
			}
			var t string
			if sk.n[k] > 0 {
				t = sk.by[k][sk.next[k]%sk.n[k]]
			} else {
				st := staples[g.persona][k]
				t = st[sk.next[k]%len(st)]
			}
			sk.next[k]++
			if r.chance(0.35) {
				for j := 0; j < len(t); j++ {
					c := t[j]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					dst = append(dst, c)
				}
			} else {
				dst = append(dst, t...)
			}
		}
	}
	return dst
}

func countWords(s []byte) int {
	n, in := 0, false
	for _, c := range s {
		if c == ' ' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

var openers = []string{
	"%r with %y of experience building %t and %t systems for %d.",
	"%r, %y in %d, mostly %l and %s.",
	"%r who has spent %y shipping %l services in %d.",
	"%r with %y of hands-on %t, %t and %t.",
	"%r with %y across %d and %d; strongest in %t.",
	"%r: %y of %l and %e in production.",
}

var summaryBodies = [personas][]string{
	javaDev: {
		"Built %l microservices for %d clients handling millions of requests a day.",
		"Designed event-driven services with %e and %l.",
		"Led the migration of a monolith to microservices on %c.",
		"Wrote REST APIs in %l backed by %s.",
		"Cut latency by tuning JVM garbage collection and %s queries.",
		"Comfortable with %t, %t and %t.",
		"Owns a set of Spring Boot microservices talking over kafka.",
		"Keeps legacy Java EE applications alive while moving them to %l on %c.",
	},
	dataEng: {
		"Built batch and streaming pipelines with spark and %e.",
		"Runs %e jobs on a hadoop cluster processing terabytes daily.",
		"Moved on-prem hadoop workloads to spark on %c.",
		"Modelled the %d data warehouse in %s.",
		"Streams events from kafka into %s for near-real-time analytics.",
		"Comfortable with %t, %t and %t.",
		"Tuned spark jobs and hive queries to cut cluster costs.",
		"Writes spark jobs in %l and schedules them with %e.",
	},
	otherDev: {
		"Ships features end to end with %l and %s.",
		"Automated deployments to %c.",
		"Some backend work in Java and microservices.",
		"Comfortable with %t, %t and %t.",
		"Built internal tools for the %d team with %l.",
	},
}

var summaryClosers = []string{
	"Looking for a new challenge in %d.",
	"Open to remote work.",
	"Enjoys mentoring, code review and well-tested code.",
	"Previously worked in %d and %d.",
	"Keen to grow into a lead role.",
}

var summaryRoles = [personas][]string{
	javaDev:  {"Backend engineer", "Java developer", "Java backend developer", "Software engineer", "Full-stack Java developer", "Backend developer"},
	dataEng:  {"Data engineer", "Big data engineer", "Spark developer", "Data platform engineer", "Analytics engineer"},
	otherDev: {"Software engineer", "DevOps engineer", "Front-end developer", "Full-stack developer", "Platform engineer"},
}

var seniorRoles = [personas][]string{
	javaDev:  {"Senior Java developer", "Lead Java engineer", "Principal backend engineer", "Java architect"},
	dataEng:  {"Senior data engineer", "Lead big data engineer", "Data architect"},
	otherDev: {"Senior software engineer", "Staff engineer", "Engineering lead"},
}

var juniorRoles = []string{"Junior Java developer", "Graduate software engineer", "Junior developer", "Entry-level engineer"}

var domains = []string{
	"payments", "banking", "insurance", "e-commerce", "logistics", "healthcare",
	"telecom", "ad-tech", "retail", "media streaming", "travel", "gaming",
	"fintech", "government", "automotive", "energy", "education",
}

// ---------------------------------------------------------------------------
// People and places

type person struct{ name, key string } // key: ASCII lower case for e-mail

var firstNames = withKeys([]person{
	{name: "Maria"}, {name: "Daniel"}, {name: "Priya"}, {name: "Kenji"}, {name: "Anna"},
	{name: "James"}, {name: "Wei"}, {name: "Fatima"}, {name: "Lukas"}, {name: "Sofia"},
	{name: "Michael"}, {name: "Aisha"}, {name: "Rahul"}, {name: "Elena"}, {name: "David"},
	{name: "Olga"}, {name: "Chen"}, {name: "Sarah"}, {name: "Mohammed"}, {name: "Emily"},
	{name: "Arjun"}, {name: "Laura"}, {name: "Tomasz"}, {name: "Yuki"}, {name: "Carlos"},
	{name: "Jessica"}, {name: "Ahmed"}, {name: "Hannah"}, {name: "Vikram"}, {name: "Julia"},
	{name: "Robert"}, {name: "Mei"}, {name: "Oluwaseun"}, {name: "Katarzyna"}, {name: "Lucas"},
	{name: "Emma"}, {name: "Sanjay"}, {name: "Ingrid"}, {name: "Kevin"}, {name: "Ana"},
	{name: "Dmitri"}, {name: "Grace"}, {name: "Hiroshi"}, {name: "Nadia"}, {name: "Thomas"},
	{name: "Deepa"}, {name: "Marco"}, {name: "Rachel"}, {name: "Ivan"}, {name: "Linh"},
	{name: "Samuel"}, {name: "Ayesha"}, {name: "Peter"}, {name: "Chloe"}, {name: "Rajesh"},
	{name: "Nina"}, {name: "Jorge"}, {name: "Megan"}, {name: "Kwame"}, {name: "Isabel"},
	{name: "José", key: "jose"}, {name: "Zoë", key: "zoe"}, {name: "Łukasz", key: "lukasz"},
	{name: "Søren", key: "soren"}, {name: "Renée", key: "renee"}, {name: "Andrés", key: "andres"},
})

var lastNames = withKeys([]person{
	{name: "Kowalski"}, {name: "Okafor"}, {name: "Raman"}, {name: "Watanabe"}, {name: "Smith"},
	{name: "Johnson"}, {name: "Zhang"}, {name: "Khan"}, {name: "Schmidt"}, {name: "Rossi"},
	{name: "Brown"}, {name: "Patel"}, {name: "Sharma"}, {name: "Ivanova"}, {name: "Cohen"},
	{name: "Nguyen"}, {name: "Williams"}, {name: "Hassan"}, {name: "Miller"}, {name: "Gupta"},
	{name: "Fischer"}, {name: "Tanaka"}, {name: "Silva"}, {name: "Wilson"}, {name: "Ali"},
	{name: "Anderson"}, {name: "Reddy"}, {name: "Wagner"}, {name: "Li"}, {name: "Mensah"},
	{name: "Taylor"}, {name: "Kumar"}, {name: "Novak"}, {name: "Sato"}, {name: "Fernandes"},
	{name: "Thomas"}, {name: "Iyer"}, {name: "Becker"}, {name: "Chen"}, {name: "Adeyemi"},
	{name: "Martin"}, {name: "Singh"}, {name: "Petrov"}, {name: "Kim"}, {name: "Lopez"},
	{name: "Clark"}, {name: "Nair"}, {name: "Jansen"}, {name: "Park"}, {name: "Moreau"},
	{name: "Davies"}, {name: "Rao"}, {name: "Lindqvist"}, {name: "Yamamoto"}, {name: "Costa"},
	{name: "Müller", key: "mueller"}, {name: "García", key: "garcia"}, {name: "O'Brien", key: "obrien"},
	{name: "Núñez", key: "nunez"}, {name: "Wiśniewski", key: "wisniewski"}, {name: "Nowak"},
})

func withKeys(ps []person) []person {
	for i := range ps {
		if ps[i].key == "" {
			b := []byte(ps[i].name)
			for j, c := range b {
				if 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			ps[i].key = string(b)
		}
	}
	return ps
}

var emailDomains = []string{"example.com", "example.com", "example.org", "example.net", "mail.example.com"}

type location struct {
	name string
	w    uint32
	pay  float64 // salary level relative to a large US city
}

var locations = []location{
	{"Chicago, IL", 10, 1.0},
	{"New York, NY", 12, 1.15},
	{"San Francisco, CA", 6, 1.3},
	{"Seattle, WA", 5, 1.2},
	{"Austin, TX", 6, 1.0},
	{"Boston, MA", 4, 1.1},
	{"Atlanta, GA", 4, 0.95},
	{"Dallas, TX", 4, 0.95},
	{"Denver, CO", 3, 1.0},
	{"Raleigh, NC", 2, 0.9},
	{"Charlotte, NC", 3, 0.92},
	{"Columbus, OH", 2, 0.85},
	{"Minneapolis, MN", 2, 0.95},
	{"Jersey City, NJ", 2, 1.1},
	{"Toronto, Canada", 3, 0.8},
	{"London, UK", 4, 0.85},
	{"Berlin, Germany", 4, 0.7},
	{"Munich, Germany", 2, 0.75},
	{"Amsterdam, Netherlands", 2, 0.75},
	{"Dublin, Ireland", 2, 0.75},
	{"Paris, France", 2, 0.65},
	{"Warsaw, Poland", 2, 0.45},
	{"Krakow, Poland", 2, 0.42},
	{"Madrid, Spain", 1, 0.5},
	{"Zurich, Switzerland", 1, 1.1},
	{"Bangalore, India", 6, 0.3},
	{"Hyderabad, India", 3, 0.28},
	{"Pune, India", 3, 0.27},
	{"Tokyo, Japan", 2, 0.6},
	{"Singapore", 2, 0.75},
	{"Sydney, Australia", 2, 0.85},
	{"São Paulo, Brazil", 1, 0.35},
	{"Remote", 6, 0.95},
	{"Remote (Austin, TX)", 1, 1.0},
}

var locationTable = func() wtable {
	w := make([]uint32, len(locations))
	for i, l := range locations {
		w[i] = l.w
	}
	return newWtable(w)
}()

// ---------------------------------------------------------------------------
// Skills

type skill struct {
	names []string  // spellings, the most common first
	w     [3]uint32 // weight per persona: Java, data, other
}

// skillVocab is the skill vocabulary: Java, Spring, Kafka, microservices,
// Spark, Hadoop and SQL heavy, with the spellings people use.
var skillVocab = []skill{
	{[]string{"Java", "JAVA", "java", "Core Java", "Java 8", "Java 11", "Java 17"}, [3]uint32{100, 30, 20}},
	{[]string{"Apache Spark", "Spark", "spark", "PySpark", "Spark SQL"}, [3]uint32{10, 100, 3}},
	{[]string{"Spring Boot", "springboot", "Spring-Boot", "spring boot"}, [3]uint32{80, 5, 8}},
	{[]string{"Spring", "Spring Framework"}, [3]uint32{40, 4, 5}},
	{[]string{"Spring Cloud"}, [3]uint32{15, 1, 2}},
	{[]string{"Spring Security"}, [3]uint32{12, 0, 2}},
	{[]string{"Spring Data JPA", "Spring Data"}, [3]uint32{12, 1, 1}},
	{[]string{"Spring MVC"}, [3]uint32{15, 0, 2}},
	{[]string{"Spring Batch"}, [3]uint32{6, 3, 0}},
	{[]string{"Spring WebFlux", "WebFlux"}, [3]uint32{4, 0, 1}},
	{[]string{"Hibernate", "Hibernate ORM", "hibernate"}, [3]uint32{30, 2, 3}},
	{[]string{"JPA"}, [3]uint32{20, 1, 2}},
	{[]string{"JDBC"}, [3]uint32{10, 4, 1}},
	{[]string{"Java EE", "J2EE", "Jakarta EE", "JEE"}, [3]uint32{15, 1, 2}},
	{[]string{"Servlets", "Servlet", "Java Servlets"}, [3]uint32{10, 0, 1}},
	{[]string{"JSP"}, [3]uint32{8, 0, 2}},
	{[]string{"JSF"}, [3]uint32{4, 0, 1}},
	{[]string{"EJB"}, [3]uint32{4, 0, 0}},
	{[]string{"Struts"}, [3]uint32{3, 0, 1}},
	{[]string{"Apache Tomcat", "Tomcat"}, [3]uint32{10, 0, 2}},
	{[]string{"JBoss", "WildFly"}, [3]uint32{4, 0, 1}},
	{[]string{"WebLogic"}, [3]uint32{3, 0, 0}},
	{[]string{"WebSphere"}, [3]uint32{3, 0, 0}},
	{[]string{"Maven", "maven"}, [3]uint32{25, 5, 3}},
	{[]string{"Gradle"}, [3]uint32{15, 2, 4}},
	{[]string{"JUnit", "JUnit 5", "junit"}, [3]uint32{20, 2, 3}},
	{[]string{"Mockito"}, [3]uint32{10, 0, 1}},
	{[]string{"TestNG"}, [3]uint32{3, 0, 2}},
	{[]string{"Lombok"}, [3]uint32{3, 0, 0}},
	{[]string{"Quarkus"}, [3]uint32{3, 0, 1}},
	{[]string{"Micronaut"}, [3]uint32{2, 0, 0}},
	{[]string{"Apache Camel", "Camel"}, [3]uint32{4, 1, 0}},
	{[]string{"Kafka", "Apache Kafka", "kafka"}, [3]uint32{45, 40, 5}},
	{[]string{"Kafka Streams"}, [3]uint32{5, 6, 0}},
	{[]string{"Kafka Connect"}, [3]uint32{2, 5, 0}},
	{[]string{"RabbitMQ"}, [3]uint32{12, 2, 4}},
	{[]string{"ActiveMQ"}, [3]uint32{4, 0, 1}},
	{[]string{"JMS"}, [3]uint32{6, 0, 0}},
	{[]string{"Microservices", "microservices", "Microservice architecture", "Micro-services"}, [3]uint32{50, 6, 10}},
	{[]string{"REST", "REST APIs", "RESTful", "REST API", "RESTful APIs"}, [3]uint32{40, 5, 15}},
	{[]string{"GraphQL"}, [3]uint32{4, 0, 6}},
	{[]string{"gRPC"}, [3]uint32{4, 1, 3}},
	{[]string{"SOAP"}, [3]uint32{5, 0, 1}},
	{[]string{"OpenAPI", "Swagger"}, [3]uint32{5, 0, 3}},
	{[]string{"SQL", "sql"}, [3]uint32{40, 50, 20}},
	{[]string{"PostgreSQL", "Postgres", "postgres", "Postgresql"}, [3]uint32{30, 15, 10}},
	{[]string{"MySQL", "mysql"}, [3]uint32{25, 10, 12}},
	{[]string{"Oracle Database", "Oracle DB", "Oracle"}, [3]uint32{15, 5, 3}},
	{[]string{"PL/SQL"}, [3]uint32{6, 4, 1}},
	{[]string{"SQL Server", "MS SQL", "MSSQL"}, [3]uint32{5, 4, 6}},
	{[]string{"MongoDB", "Mongo"}, [3]uint32{12, 8, 9}},
	{[]string{"Cassandra", "Apache Cassandra"}, [3]uint32{5, 8, 1}},
	{[]string{"Redis"}, [3]uint32{15, 3, 8}},
	{[]string{"Elasticsearch", "ElasticSearch"}, [3]uint32{10, 8, 5}},
	{[]string{"DynamoDB"}, [3]uint32{3, 3, 4}},
	{[]string{"HBase"}, [3]uint32{1, 12, 0}},
	{[]string{"Neo4j"}, [3]uint32{1, 2, 1}},
	{[]string{"Liquibase"}, [3]uint32{3, 0, 0}},
	{[]string{"Flyway"}, [3]uint32{3, 0, 1}},
	{[]string{"Spark Streaming", "Structured Streaming"}, [3]uint32{1, 15, 0}},
	{[]string{"Hadoop", "Apache Hadoop", "hadoop"}, [3]uint32{8, 65, 2}},
	{[]string{"HDFS"}, [3]uint32{1, 20, 0}},
	{[]string{"Hive", "Apache Hive"}, [3]uint32{3, 35, 0}},
	{[]string{"Pig", "Apache Pig"}, [3]uint32{0, 10, 0}},
	{[]string{"Sqoop"}, [3]uint32{0, 10, 0}},
	{[]string{"Flume"}, [3]uint32{0, 5, 0}},
	{[]string{"Oozie"}, [3]uint32{0, 4, 0}},
	{[]string{"YARN"}, [3]uint32{0, 10, 0}},
	{[]string{"MapReduce", "Map Reduce"}, [3]uint32{1, 15, 0}},
	{[]string{"Impala"}, [3]uint32{0, 5, 0}},
	{[]string{"Presto", "Trino"}, [3]uint32{0, 5, 0}},
	{[]string{"Apache Flink", "Flink"}, [3]uint32{2, 10, 0}},
	{[]string{"Airflow", "Apache Airflow"}, [3]uint32{2, 20, 3}},
	{[]string{"NiFi", "Apache NiFi"}, [3]uint32{0, 4, 0}},
	{[]string{"Databricks"}, [3]uint32{1, 20, 1}},
	{[]string{"Delta Lake"}, [3]uint32{0, 8, 0}},
	{[]string{"Snowflake"}, [3]uint32{1, 10, 2}},
	{[]string{"Redshift", "AWS Redshift"}, [3]uint32{0, 6, 1}},
	{[]string{"BigQuery"}, [3]uint32{0, 5, 1}},
	{[]string{"Apache Iceberg", "Iceberg"}, [3]uint32{0, 3, 0}},
	{[]string{"Parquet"}, [3]uint32{0, 5, 0}},
	{[]string{"Avro"}, [3]uint32{2, 5, 0}},
	{[]string{"ETL"}, [3]uint32{3, 25, 2}},
	{[]string{"Data Warehousing", "Data Warehouse"}, [3]uint32{1, 8, 1}},
	{[]string{"Data Modeling", "Data Modelling"}, [3]uint32{2, 8, 1}},
	{[]string{"dbt"}, [3]uint32{0, 5, 0}},
	{[]string{"Zookeeper", "ZooKeeper"}, [3]uint32{2, 6, 0}},
	{[]string{"Scala"}, [3]uint32{5, 40, 1}},
	{[]string{"Python", "python"}, [3]uint32{15, 55, 25}},
	{[]string{"Kotlin"}, [3]uint32{10, 1, 5}},
	{[]string{"Groovy"}, [3]uint32{4, 0, 1}},
	{[]string{"Go", "Golang"}, [3]uint32{4, 2, 8}},
	{[]string{"JavaScript", "JS", "Javascript"}, [3]uint32{15, 2, 35}},
	{[]string{"TypeScript"}, [3]uint32{8, 1, 30}},
	{[]string{"C++"}, [3]uint32{2, 2, 6}},
	{[]string{"C#"}, [3]uint32{1, 0, 10}},
	{[]string{"R"}, [3]uint32{0, 8, 1}},
	{[]string{"Bash", "Shell scripting", "shell"}, [3]uint32{8, 10, 12}},
	{[]string{"PHP"}, [3]uint32{1, 0, 6}},
	{[]string{"Ruby"}, [3]uint32{0, 0, 3}},
	{[]string{"React", "React.js", "ReactJS"}, [3]uint32{6, 0, 30}},
	{[]string{"Angular", "AngularJS"}, [3]uint32{8, 0, 20}},
	{[]string{"Vue.js", "Vue"}, [3]uint32{2, 0, 10}},
	{[]string{"HTML", "HTML5"}, [3]uint32{6, 0, 20}},
	{[]string{"CSS", "CSS3"}, [3]uint32{5, 0, 18}},
	{[]string{"Node.js", "NodeJS", "Node"}, [3]uint32{4, 1, 20}},
	{[]string{"jQuery"}, [3]uint32{3, 0, 6}},
	{[]string{"Thymeleaf"}, [3]uint32{3, 0, 0}},
	{[]string{"Docker", "docker"}, [3]uint32{30, 10, 25}},
	{[]string{"Kubernetes", "K8s", "k8s"}, [3]uint32{20, 8, 20}},
	{[]string{"AWS", "Amazon Web Services"}, [3]uint32{20, 20, 20}},
	{[]string{"Azure", "Microsoft Azure"}, [3]uint32{8, 8, 10}},
	{[]string{"GCP", "Google Cloud"}, [3]uint32{5, 8, 8}},
	{[]string{"Terraform"}, [3]uint32{5, 3, 12}},
	{[]string{"Ansible"}, [3]uint32{3, 1, 8}},
	{[]string{"Jenkins"}, [3]uint32{18, 3, 12}},
	{[]string{"GitLab CI"}, [3]uint32{6, 1, 6}},
	{[]string{"GitHub Actions"}, [3]uint32{5, 2, 8}},
	{[]string{"CI/CD"}, [3]uint32{15, 5, 15}},
	{[]string{"Git", "git", "GIT"}, [3]uint32{30, 15, 30}},
	{[]string{"Linux", "linux", "Unix"}, [3]uint32{15, 15, 18}},
	{[]string{"Helm"}, [3]uint32{4, 1, 5}},
	{[]string{"OpenShift"}, [3]uint32{3, 0, 2}},
	{[]string{"Prometheus"}, [3]uint32{3, 1, 5}},
	{[]string{"Grafana"}, [3]uint32{3, 1, 5}},
	{[]string{"ELK Stack", "ELK"}, [3]uint32{4, 1, 3}},
	{[]string{"Splunk"}, [3]uint32{3, 1, 2}},
	{[]string{"Nginx"}, [3]uint32{3, 0, 5}},
	{[]string{"AWS Lambda", "Lambda"}, [3]uint32{4, 2, 5}},
	{[]string{"AWS EMR", "EMR"}, [3]uint32{0, 8, 0}},
	{[]string{"AWS Glue"}, [3]uint32{0, 6, 0}},
	{[]string{"S3", "AWS S3"}, [3]uint32{2, 6, 2}},
	{[]string{"Kinesis"}, [3]uint32{1, 4, 0}},
	{[]string{"Agile", "Scrum"}, [3]uint32{15, 8, 15}},
	{[]string{"TDD"}, [3]uint32{8, 1, 5}},
	{[]string{"Domain-Driven Design", "DDD"}, [3]uint32{5, 0, 1}},
	{[]string{"Event-Driven Architecture", "Event Sourcing"}, [3]uint32{6, 2, 2}},
	{[]string{"CQRS"}, [3]uint32{3, 0, 0}},
	{[]string{"Design Patterns"}, [3]uint32{8, 0, 3}},
	{[]string{"Multithreading", "Concurrency", "multi-threading"}, [3]uint32{10, 1, 2}},
	{[]string{"System Design"}, [3]uint32{4, 2, 4}},
	{[]string{"OOP", "Object-Oriented Programming"}, [3]uint32{6, 0, 4}},
	{[]string{"Data Structures"}, [3]uint32{3, 1, 3}},
	{[]string{"JVM", "JVM Tuning"}, [3]uint32{5, 1, 0}},
	{[]string{"IntelliJ IDEA", "IntelliJ"}, [3]uint32{4, 0, 1}},
	{[]string{"Eclipse"}, [3]uint32{3, 0, 1}},
	{[]string{"Jira", "JIRA"}, [3]uint32{6, 3, 8}},
	{[]string{"SonarQube"}, [3]uint32{4, 0, 2}},
	{[]string{"Postman"}, [3]uint32{4, 0, 4}},
	{[]string{"Selenium"}, [3]uint32{2, 0, 4}},
	{[]string{"Cucumber"}, [3]uint32{3, 0, 2}},
	{[]string{"JMeter"}, [3]uint32{2, 0, 1}},
	{[]string{"OAuth2", "OAuth"}, [3]uint32{4, 0, 3}},
	{[]string{"JWT"}, [3]uint32{4, 0, 3}},
	{[]string{"Keycloak"}, [3]uint32{2, 0, 1}},
	{[]string{"Solr", "Apache Solr"}, [3]uint32{2, 2, 0}},
	{[]string{"Machine Learning", "ML"}, [3]uint32{0, 8, 3}},
	{[]string{"Pandas", "pandas"}, [3]uint32{0, 10, 3}},
	{[]string{"NumPy"}, [3]uint32{0, 6, 2}},
	{[]string{"MLlib", "Spark MLlib"}, [3]uint32{0, 4, 0}},
	{[]string{"Jupyter"}, [3]uint32{0, 4, 1}},
	{[]string{"Tableau"}, [3]uint32{0, 5, 2}},
	{[]string{"Power BI"}, [3]uint32{0, 3, 2}},
}

// coreSkill is the skill a persona lists first most of the time (Java,
// Spark), or -1.
var coreSkill = [personas]int{javaDev: 0, dataEng: 1, otherDev: -1}

// skillKinds classifies skills, by their first spelling, for summaries;
// the rest are kAny.
var skillKinds = map[int][]string{
	kTool: {
		"Maven", "Gradle", "JUnit", "Mockito", "TestNG", "Lombok", "Git", "Jenkins",
		"GitLab CI", "GitHub Actions", "CI/CD", "Agile", "TDD", "Domain-Driven Design",
		"CQRS", "Design Patterns", "Multithreading", "System Design", "OOP",
		"Data Structures", "JVM", "IntelliJ IDEA", "Eclipse", "Jira", "SonarQube",
		"Postman", "Selenium", "Cucumber", "JMeter", "OAuth2", "JWT", "Bash", "Linux",
		"ETL", "Data Warehousing", "Data Modeling", "Machine Learning", "Helm",
		"Prometheus", "Grafana", "ELK Stack", "Splunk", "Event-Driven Architecture",
		"Microservices", "REST", "SOAP", "OpenAPI", "Tableau", "Power BI", "Jupyter",
		"Spring Security", "Kafka Connect", "Zookeeper", "JDBC", "HTML", "CSS",
		"Avro", "Parquet", "Keycloak", "Nginx", "GraphQL", "gRPC", "Liquibase", "Flyway",
		"Apache Tomcat", "JBoss", "WebLogic", "WebSphere", "Thymeleaf", "jQuery",
		"JSP", "JSF", "EJB", "JMS", "MLlib", "NumPy", "Pandas",
	},
	kLang: {
		"Java", "Spring Boot", "Spring", "Spring Cloud", "Spring MVC", "Spring Batch",
		"Spring WebFlux", "Java EE", "Servlets", "Struts", "Quarkus", "Micronaut",
		"Apache Camel", "Scala", "Python", "Kotlin", "Groovy", "Go", "JavaScript",
		"TypeScript", "C++", "C#", "R", "PHP", "Ruby", "React", "Angular", "Vue.js",
		"Node.js",
	},
	kStore: {
		"PostgreSQL", "MySQL", "Oracle Database", "SQL Server", "MongoDB", "Cassandra",
		"Redis", "Elasticsearch", "DynamoDB", "HBase", "Neo4j", "Snowflake", "Redshift",
		"BigQuery", "Hive", "Delta Lake", "Apache Iceberg", "Solr", "Hibernate", "JPA",
		"Spring Data JPA", "SQL", "PL/SQL", "HDFS", "S3",
	},
	kEngine: {
		"Apache Spark", "Spark Streaming", "Hadoop", "Kafka", "Kafka Streams",
		"Apache Flink", "Airflow", "Databricks", "Impala", "Presto", "MapReduce", "Pig",
		"Sqoop", "Flume", "Oozie", "YARN", "NiFi", "dbt", "AWS Glue", "AWS EMR", "Kinesis",
		"RabbitMQ", "ActiveMQ",
	},
	kCloud: {
		"Docker", "Kubernetes", "AWS", "Azure", "GCP", "Terraform", "OpenShift",
		"AWS Lambda", "Ansible",
	},
}

// skillKind is each vocabulary skill's kind, by index.
var skillKind = make([]uint8, len(skillVocab))

var skillTables = func() (t [personas]wtable) {
	if len(skillVocab) > len(bits{})*64 {
		panic("gen: skill vocabulary outgrew the bit set")
	}
	for k, names := range skillKinds {
		for _, name := range names {
			i := slices.IndexFunc(skillVocab, func(s skill) bool { return s.names[0] == name })
			if i < 0 || skillKind[i] != kAny {
				panic("gen: unknown or twice classified skill " + name)
			}
			skillKind[i] = uint8(k)
		}
	}
	for p := range t {
		w := make([]uint32, len(skillVocab))
		for i, s := range skillVocab {
			w[i] = s.w[p]
		}
		t[p] = newWtable(w)
	}
	return t
}()

// ---------------------------------------------------------------------------
// Certifications

// certTemplate is a certification as people write it in one era.
type certTemplate struct {
	key     string
	id      string // seed id; "" for look-alikes and junk
	version string // canonical version, used when the credential is given by id
	// from and to bound the issue year; to 0 means until now.
	from, to int
	issuer   string
	w        [3]uint32 // weight per persona: Java, data, other
	valid    int       // months of validity, for an explicit expiry
	undated  bool      // courses and plans: usually without a date
	// pre are keys of prerequisites the holder may list too, chosen by
	// the year; preP is how often, preMonths the most months before.
	pre       []string
	preP      float64
	preMonths int
	names     []string

	preIdx []int
}

func (ct *certTemplate) idPrefix() string {
	switch ct.issuer {
	case "Oracle", "Sun Microsystems":
		return "OC"
	case "Cloudera", "Hortonworks":
		return "100-"
	case "Databricks":
		return "DB-"
	}
	return "CERT-"
}

// preFor picks the prerequisite current in year y.
func (ct *certTemplate) preFor(r *rng, y int) int {
	off := r.intn(len(ct.preIdx))
	for k := range ct.preIdx {
		i := ct.preIdx[(off+k)%len(ct.preIdx)]
		p := &certTemplates[i]
		if p.from <= y && (p.to == 0 || y <= p.to) {
			return i
		}
	}
	return ct.preIdx[0]
}

// certTemplates lists seed certifications era by era, then look-alikes and
// junk. Versions follow the issue years.
var certTemplates = []certTemplate{
	// java-foundations
	{key: "jf", id: "java-foundations", from: 2017, issuer: "Oracle", w: [3]uint32{3, 0, 2}, names: []string{
		"Oracle Certified Foundations Associate, Java", "Java Foundations Certified Junior Associate",
		"1Z0-811", "Java Foundations Junior Associate (1Z0-811)", "oracle certified foundations associate java"}},
	// scja
	{key: "scja", id: "scja", from: 2007, to: 2012, issuer: "Sun Microsystems", w: [3]uint32{2, 0, 1}, names: []string{
		"SCJA", "Sun Certified Java Associate", "CX-310-019", "1z0 850 (Sun Certified Java Associate)", "SCJA (CX-310-019)"}},
	{key: "scja6", id: "scja", version: "6", from: 2010, to: 2014, issuer: "Oracle", w: [3]uint32{1, 0, 0}, names: []string{
		"Oracle Certified Associate, Java SE 6"}},
	// ocajp
	{key: "oca7", id: "ocajp", version: "7", from: 2011, to: 2016, issuer: "Oracle", w: [3]uint32{3, 1, 1}, names: []string{
		"Oracle Certified Associate, Java SE 7 Programmer", "OCAJP 7", "1Z0-803", "Java SE 7 Programmer I", "OCA JP 7 - Oracle Corporation"}},
	{key: "oca8", id: "ocajp", version: "8", from: 2014, to: 2022, issuer: "Oracle", w: [3]uint32{7, 1, 2}, names: []string{
		"OCA Java SE 8 Programmer I", "Oracle Certified Associate, Java SE 8 Programmer",
		"Oracle Certified Associate, Java SE 8 Programmer (1Z0-808)", "1z0-808", "1Z0-808", "OCAJP 8", "OCA Java 8", "OCA Java SE8"}},
	// ocpjp, Sun era
	{key: "scjp12", id: "ocpjp", version: "1.2", from: 1999, to: 2002, issuer: "Sun Microsystems", w: [3]uint32{1, 0, 0}, names: []string{
		"SCJP 1.2", "Sun Certified Programmer for the Java 2 Platform (310-025)"}},
	{key: "scjp14", id: "ocpjp", version: "1.4", from: 2002, to: 2007, issuer: "Sun Microsystems", w: [3]uint32{3, 0, 1}, names: []string{
		"SCJP 1.4", "Sun Certified Java Programmer (SCJP) 1.4", "Sun Certified Programmer for the Java 2 Platform, Standard Edition 1.4",
		"CX-310-035", "SCJP 1.4 — Sun Microsystems"}},
	{key: "scjp5", id: "ocpjp", version: "5", from: 2005, to: 2010, issuer: "Sun Microsystems", w: [3]uint32{3, 0, 1}, names: []string{
		"SCJP 5.0", "SCJP 1.5", "Sun Certified Java Programmer 5.0 (CX-310-055)", "scjp 5", "Sun Certified Java Programmer for Java 5"}},
	{key: "scjp6", id: "ocpjp", version: "6", from: 2008, to: 2012, issuer: "Sun Microsystems", w: [3]uint32{4, 0, 1}, names: []string{
		"SCJP 6", "SCJP6", "SCJP 1.6", "Sun Certified Java Programmer 6.0 (CX-310-065)",
		"Sun Certified Programmer for the Java Platform, Standard Edition 6", "SCJP 6 (2009)"}},
	// ocpjp, Oracle era
	{key: "ocp6", id: "ocpjp", version: "6", from: 2010, to: 2014, issuer: "Oracle", w: [3]uint32{2, 0, 0}, names: []string{
		"OCPJP 6", "OCJP 6", "Oracle Certified Professional, Java SE 6 Programmer", "1Z0-851", "OCPJP 6 (formerly SCJP 6)"}},
	{key: "ocp7", id: "ocpjp", version: "7", from: 2012, to: 2017, issuer: "Oracle", w: [3]uint32{3, 1, 0},
		pre: []string{"oca7"}, preP: 0.6, preMonths: 10, names: []string{
			"OCPJP 7 - Oracle", "Oracle Certified Professional, Java SE 7 Programmer", "1Z0-804", "Java SE 7 Programmer II", "OCPJP 7"}},
	{key: "ocp8", id: "ocpjp", version: "8", from: 2015, to: 2022, issuer: "Oracle", w: [3]uint32{8, 1, 1},
		pre: []string{"oca8"}, preP: 0.6, preMonths: 10, names: []string{
			"OCP Java SE 8 Programmer", "Oracle Certified Professional, Java SE 8 Programmer", "OCP Java SE 8 Programmer II (1Z0-809)",
			"1Z0-809", "OCPJP 8", "Java SE 8 Programmer II", "OCP JP 8", "OCPJP 8 (ORACLE)"}},
	{key: "ocp11", id: "ocpjp", version: "11", from: 2019, issuer: "Oracle", w: [3]uint32{9, 1, 1},
		pre: []string{"oca8"}, preP: 0.15, preMonths: 36, names: []string{
			"Oracle Certified Professional: Java SE 11 Developer", "Oracle Certified Professional, Java SE 11 Developer",
			"OCP Java 11", "1z0 819", "1Z0-819", "Java SE 11 Developer (1Z0-819)", "OCP, Java SE 11 Developer - 1Z0-819", "OCPJP11",
			"1z0 819 - Java SE 11 Developer"}},
	{key: "ocp17", id: "ocpjp", version: "17", from: 2022, issuer: "Oracle", w: [3]uint32{6, 1, 1}, names: []string{
		"Oracle Certified Professional: Java SE 17 Developer", "OCP Java SE 17 Developer", "1Z0-829",
		"Java SE 17 Developer (1Z0-829)", "OCP (Java SE 17)", "Oracle Certified Professional: Java SE 17 Developer (1Z0-829)"}},
	{key: "ocp21", id: "ocpjp", version: "21", from: 2024, issuer: "Oracle", w: [3]uint32{3, 0, 0}, names: []string{
		"Oracle Certified Professional: Java SE 21 Developer", "1z0-830", "Java SE 21 Developer Professional"}},
	// ocewcd
	{key: "scwcd13", id: "ocewcd", version: "1.3", from: 2001, to: 2004, issuer: "Sun Microsystems", w: [3]uint32{1, 0, 0},
		pre: []string{"scjp12", "scjp14"}, preP: 0.85, preMonths: 24, names: []string{"SCWCD 1.3 (310-080)", "310-080"}},
	{key: "scwcd14", id: "ocewcd", version: "1.4", from: 2004, to: 2008, issuer: "Sun Microsystems", w: [3]uint32{2, 0, 0},
		pre: []string{"scjp14", "scjp5"}, preP: 0.85, preMonths: 24, names: []string{
			"SCWCD 1.4", "Sun Certified Web Component Developer for J2EE 1.4", "CX-310-081", "SCWCD for J2EE v1.4"}},
	{key: "scwcd5", id: "ocewcd", version: "5", from: 2008, to: 2012, issuer: "Sun Microsystems", w: [3]uint32{2, 0, 0},
		pre: []string{"scjp5", "scjp6", "ocp6"}, preP: 0.85, preMonths: 24, names: []string{
			"SCWCD 5.0", "SCWCD 5", "Sun Certified Web Component Developer for the Java Platform, Enterprise Edition 5",
			"CX-310-083", "1Z0-858", "OCPJWCD 5", "Oracle Certified Professional, Java EE 5 Web Component Developer"}},
	{key: "ocewcd6", id: "ocewcd", version: "6", from: 2012, to: 2019, issuer: "Oracle", w: [3]uint32{3, 0, 0},
		pre: []string{"ocp6", "ocp7", "scjp6", "ocp8"}, preP: 0.85, preMonths: 24, names: []string{
			"OCEWCD 6", "OCEJWCD (Java EE 6)", "Oracle Certified Expert, Java EE 6 JavaServer Pages and Servlet Developer",
			"Java EE 6 Web Component Developer Certified Expert", "1Z0-899", "OCEWCD"}},
	// spring-professional, SpringSource -> Pivotal -> VMware -> Broadcom
	{key: "spring3", id: "spring-professional", version: "3", from: 2009, to: 2013, issuer: "SpringSource", w: [3]uint32{2, 0, 0}, names: []string{
		"SpringSource Certified Spring Professional (Spring 3.x)", "SpringSource Certified Spring Professional",
		"Spring Framework 3 Certified Professional (SpringSource)"}},
	{key: "spring4", id: "spring-professional", version: "4", from: 2014, to: 2017, issuer: "Pivotal", w: [3]uint32{3, 0, 0}, names: []string{
		"Pivotal Certified Spring Professional (4.x)", "Pivotal Certified Spring Professional", "SPRING PROFESSIONAL 4.X (PIVOTAL)"}},
	{key: "spring5", id: "spring-professional", version: "5", from: 2018, to: 2020, issuer: "Pivotal", w: [3]uint32{5, 0, 1}, names: []string{
		"Pivotal Certified Professional Core Spring 5 Developer", "Core Spring 5.0 Certification", "Pivotal Core Spring 5 Certified"}},
	{key: "spring2021", id: "spring-professional", version: "2021", from: 2021, to: 2021, issuer: "VMware", w: [3]uint32{2, 0, 0}, names: []string{
		"VMware Spring Professional 2021", "VMware Spring Professional 2021 (EDU-1202)"}},
	{key: "spring53", id: "spring-professional", version: "5.3", from: 2022, to: 2024, issuer: "VMware", w: [3]uint32{3, 0, 1}, names: []string{
		"2V0-72.22", "VMware Certified Spring Professional (2V0-72.22)", "Spring Certified Professional – 2V0-72.22"}},
	{key: "spring2023", id: "spring-professional", version: "2023", from: 2023, to: 2023, issuer: "VMware", w: [3]uint32{2, 0, 0}, names: []string{
		"Spring Certified Professional 2023"}},
	{key: "spring2024", id: "spring-professional", version: "2024", from: 2024, to: 2024, issuer: "Broadcom", w: [3]uint32{2, 0, 0}, names: []string{
		"Spring Certified Professional 2024 - Broadcom", "Spring Certified Professional 2024", "Broadcom: Spring Certified Professional 2024"}},
	{key: "springnv", id: "spring-professional", from: 2012, w: [3]uint32{1, 0, 0}, names: []string{
		"Certified Spring Professional", "Spring Professional Certification"}},
	// hdpcd (Pig, Hive; not Spark)
	{key: "hdpcd", id: "hdpcd", from: 2014, to: 2019, issuer: "Hortonworks", w: [3]uint32{0, 5, 0}, names: []string{
		"HDPCD", "HDP Certified Developer (HDPCD)", "Hortonworks Certified Developer (Pig, Hive)", "HDPCD: Pig, Hive, Sqoop, Flume", "Hortonworks HDPCD"}},
	// hdpcd-spark
	{key: "hdpcdspark", id: "hdpcd-spark", from: 2016, to: 2019, issuer: "Hortonworks", w: [3]uint32{0, 5, 0},
		pre: []string{"hdpcd"}, preP: 0.25, preMonths: 18, names: []string{
			"HDPCD:Spark", "HDPCD Spark", "HDP Certified Spark Developer", "HDP Apache Spark Developer Certification",
			"Hortonworks Spark Developer Certification (HDPCD:Spark) – Scala", "HDPCD:Spark (Spark 1.6, HDP 2.4)"}},
	// cca175
	{key: "cca175", id: "cca175", from: 2016, to: 2022, issuer: "Cloudera", valid: 24, w: [3]uint32{1, 8, 0}, names: []string{
		"CCA175", "CCA 175", "CCA Spark and Hadoop Developer", "Cloudera Certified Associate Spark and Hadoop Developer",
		"Cloudera CCA175 (Spark & Hadoop Developer)", "CCA Spark & Hadoop Developer", "cca-175"}},
	// databricks-spark-associate
	{key: "db24", id: "databricks-spark-associate", version: "2.4", from: 2019, to: 2021, issuer: "Databricks", valid: 24, w: [3]uint32{0, 4, 0}, names: []string{
		"Databricks Certified Associate Developer for Apache Spark 2.4", "CRT020",
		"Databricks Certified Associate Developer for Apache Spark 2.4 with Scala"}},
	{key: "db3", id: "databricks-spark-associate", version: "3", from: 2021, issuer: "Databricks", valid: 24, w: [3]uint32{1, 9, 0}, names: []string{
		"Databricks Certified Associate Developer for Apache Spark 3.0", "Databricks Spark Associate Developer 3.0 (Python)",
		"APACHE SPARK 3.0 ASSOCIATE DEVELOPER - DATABRICKS CERTIFIED"}},

	// Look-alikes: real credentials that share words with the seed ones.
	{key: "javaee7", from: 2015, to: 2020, issuer: "Oracle", w: [3]uint32{2, 0, 0}, names: []string{
		"Oracle Certified Professional, Java EE 7 Application Developer", "OCP Java EE 7 Application Developer (1Z0-900)", "1Z0-900"}},
	{key: "scjd", from: 2003, to: 2012, issuer: "Sun Microsystems", w: [3]uint32{1, 0, 0}, names: []string{
		"Sun Certified Java Developer (SCJD) 5", "Oracle Certified Master, Java SE 6 Developer", "SCJD"}},
	{key: "oradb", from: 2006, issuer: "Oracle", w: [3]uint32{2, 2, 1}, names: []string{
		"Oracle Database 11g Administrator Certified Associate (OCA)", "OCP 12c DBA",
		"Oracle Certified Professional, Oracle Database 12c Administrator", "Oracle Database SQL Certified Associate (1Z0-071)"}},
	{key: "mysql", from: 2013, issuer: "Oracle", w: [3]uint32{1, 1, 1}, names: []string{
		"Oracle Certified Professional, MySQL 5.6 Database Administrator", "MySQL 8.0 Database Developer Oracle Certified Professional"}},
	{key: "oci", from: 2020, issuer: "Oracle", w: [3]uint32{1, 1, 2}, names: []string{
		"Oracle Cloud Infrastructure Foundations Associate", "OCI Foundations Associate"}},
	{key: "dbde", from: 2022, issuer: "Databricks", valid: 24, w: [3]uint32{0, 5, 1}, names: []string{
		"Databricks Certified Data Engineer Associate", "Databricks Certified Data Engineer Professional"}},
	{key: "ccah", from: 2011, to: 2018, issuer: "Cloudera", w: [3]uint32{0, 2, 1}, names: []string{
		"Cloudera Certified Administrator for Apache Hadoop (CCAH)", "Cloudera Certified Developer for Apache Hadoop (CCDH)", "CCDH"}},
	{key: "hdpcdjava", from: 2015, to: 2019, issuer: "Hortonworks", w: [3]uint32{0, 1, 0}, names: []string{
		"HDPCD:Java", "HDP Certified Java Developer"}},
	{key: "springweb", from: 2014, to: 2018, issuer: "Pivotal", w: [3]uint32{1, 0, 0}, names: []string{
		"Pivotal Certified Spring Web Application Developer"}},

	// Junk: unrelated certifications, courses and plans.
	{key: "pmp", from: 2005, issuer: "PMI", valid: 36, w: [3]uint32{1, 1, 2}, names: []string{
		"PMP", "Project Management Professional (PMP)"}},
	{key: "aws", from: 2014, issuer: "Amazon Web Services", valid: 36, w: [3]uint32{3, 2, 4}, names: []string{
		"AWS Certified Solutions Architect – Associate", "AWS Certified Developer – Associate", "AWS Certified Cloud Practitioner",
		"AWS Certified Solutions Architect - Associate (SAA-C03)"}},
	{key: "awsbd", from: 2017, to: 2020, issuer: "Amazon Web Services", valid: 36, w: [3]uint32{0, 1, 0}, names: []string{
		"AWS Certified Big Data - Specialty (EMR, Spark)"}},
	{key: "azure", from: 2019, issuer: "Microsoft", valid: 12, w: [3]uint32{1, 2, 2}, names: []string{
		"Microsoft Certified: Azure Data Engineer Associate", "Microsoft Certified: Azure Developer Associate"}},
	{key: "gcp", from: 2017, issuer: "Google Cloud", valid: 24, w: [3]uint32{0, 1, 1}, names: []string{
		"Google Cloud Professional Data Engineer"}},
	{key: "ckad", from: 2019, issuer: "The Linux Foundation", valid: 24, w: [3]uint32{1, 0, 2}, names: []string{
		"Certified Kubernetes Application Developer (CKAD)", "CKAD"}},
	{key: "scrum", from: 2008, w: [3]uint32{1, 1, 2}, names: []string{
		"Certified ScrumMaster (CSM)", "Professional Scrum Master I (PSM I)"}},
	{key: "itil", from: 2005, w: [3]uint32{1, 0, 1}, names: []string{"ITIL Foundation", "ITIL v3 Foundation"}},
	{key: "course", from: 2012, undated: true, w: [3]uint32{3, 2, 2}, names: []string{
		"Udemy Java course", "Java course certificate", "Udemy: Spring Boot Masterclass",
		"Spring Boot Microservices course certificate (Udemy)", "Coursera Big Data with Spark",
		"Big Data Analysis with Scala and Spark - Coursera certificate"}},
	{key: "plan", from: 2019, undated: true, w: [3]uint32{1, 1, 0}, names: []string{
		"working towards OCPJP 11", "Preparing for SCJP", "studying for CCA175", "OCA Java SE 8 - in progress"}},
}

var certTables = func() (t [personas]wtable) {
	if len(certTemplates) > len(bits{})*64 {
		panic("gen: certification templates outgrew the bit set")
	}
	byKey := make(map[string]int, len(certTemplates))
	for i, ct := range certTemplates {
		if _, dup := byKey[ct.key]; dup {
			panic("gen: duplicate certification template " + ct.key)
		}
		byKey[ct.key] = i
	}
	for i := range certTemplates {
		ct := &certTemplates[i]
		for _, k := range ct.pre {
			j, ok := byKey[k]
			if !ok {
				panic("gen: unknown prerequisite " + k)
			}
			ct.preIdx = append(ct.preIdx, j)
		}
	}
	for p := range t {
		w := make([]uint32, len(certTemplates))
		for i, ct := range certTemplates {
			w[i] = ct.w[p]
		}
		t[p] = newWtable(w)
	}
	return t
}()
