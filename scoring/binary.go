package scoring

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// profileFormat is the first byte of a profile's binary encoding; a
// change to the encoding changes it.
const profileFormat = 1

// ErrProfileEncoding is wrapped by the errors of [Scorer.DecodeProfile].
var ErrProfileEncoding = errors.New("scoring: bad profile encoding")

// AppendProfile appends the binary encoding of p, a profile this Scorer
// built, to b and returns the extended slice. The encoding names
// credentials by catalog id and skills by key, not by number, so
// [Scorer.DecodeProfile] reads it back under any Scorer with the same
// catalog, in any process.
func (s *Scorer) AppendProfile(b []byte, p *Profile) []byte {
	s = s.or()
	b = append(b, profileFormat)
	b = binary.AppendUvarint(b, uint64(len(p.certs)))
	for i := range p.certs {
		h := &p.certs[i]
		b = binary.AppendUvarint(b, uint64(h.index))
		b = appendString(b, h.id)
		b = appendString(b, h.version)
		b = binary.LittleEndian.AppendUint32(b, uint32(h.issuedFirst))
		b = binary.LittleEndian.AppendUint32(b, uint32(h.issuedLast))
		b = binary.LittleEndian.AppendUint32(b, uint32(h.validUntil))
	}
	b = binary.AppendUvarint(b, uint64(len(p.skills)))
	for _, id := range p.skills {
		b = appendString(b, s.vocab.Key(id))
	}
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.years))
	pay := &p.pay.pay
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(pay.Amount))
	b = appendString(b, pay.Currency)
	b = appendString(b, string(pay.Period))
	pl := &p.place.place
	b = appendString(b, pl.city)
	b = appendString(b, pl.region)
	b = appendString(b, pl.country)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(pl.lat))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(pl.lon))
	var flags byte
	for i, f := range []bool{pl.located, pl.remote, pl.hybrid, p.place.relocate} {
		if f {
			flags |= 1 << i
		}
	}
	b = append(b, flags)
	return appendString(b, string(p.place.mode))
}

// DecodeProfile reads a profile encoded by [Scorer.AppendProfile] and
// returns it with the bytes that follow it. It checks what it reads: a
// truncated or damaged encoding, a credential the scorer's catalog does
// not hold, or a value a profile cannot have is an error wrapping
// ErrProfileEncoding, never a panic.
func (s *Scorer) DecodeProfile(b []byte) (Profile, []byte, error) {
	s = s.or()
	d := decoder{b: b}
	var p Profile
	if f := d.byte(); d.err == nil && f != profileFormat {
		return Profile{}, b, fmt.Errorf("%w: format %d, this library reads %d", ErrProfileEncoding, f, profileFormat)
	}
	n := d.count(13)
	if n > 0 {
		p.certs = make([]heldCert, 0, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		idx := d.uvarint()
		id, version := d.str(), d.str()
		first, last, until := int32(d.u32()), int32(d.u32()), int32(d.u32())
		if d.err != nil {
			break
		}
		ci, ok := s.cat.byID[id]
		if !ok || idx > math.MaxInt32 {
			d.fail("credential %d: id or position not in the catalog", i)
			break
		}
		e := &s.cat.certs[ci]
		p.certs = append(p.certs, heldCert{index: int(idx), id: e.ID, version: version, cert: ci, vkey: versionKey(version),
			issuedFirst: first, issuedLast: last, validUntil: until})
	}
	n = d.count(1)
	if n > 0 {
		p.skills = make([]uint32, 0, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		if d.err == nil && k == "" {
			d.fail("skill %d: blank key", i)
		}
		if d.err == nil {
			p.skills = append(p.skills, s.vocab.id(k))
		}
	}
	slices.Sort(p.skills)
	p.skills = slices.Compact(p.skills)
	p.years = d.f64()
	pay := Pay{Amount: d.f64(), Currency: d.str(), Period: PayPeriod(d.str())}
	var pl Place
	pl.city, pl.region, pl.country = d.str(), d.str(), d.str()
	pl.lat, pl.lon = d.f64(), d.f64()
	flags := d.byte()
	mode := WorkMode(d.str())
	if d.err != nil {
		return Profile{}, b, d.err
	}
	switch {
	case badNumber(p.years):
		d.fail("years not a non-negative number")
	case badNumber(pay.Amount) || !validCurrency(pay.Currency):
		d.fail("pay amount or currency")
	case math.IsNaN(pl.lat) || math.IsNaN(pl.lon) || math.Abs(pl.lat) > 90 || math.Abs(pl.lon) > 180:
		d.fail("coordinates")
	case flags > 15:
		d.fail("place flags")
	}
	if m, err := ParseWorkMode(string(mode)); err != nil || m != mode {
		d.fail("work mode")
	}
	if _, err := ParsePayPeriod(string(pay.Period)); err != nil && pay.Period != "" {
		d.fail("pay period")
	}
	if d.err != nil {
		return Profile{}, b, d.err
	}
	if pay.Amount > 0 {
		if p.pay = newPayHave(pay); !p.pay.given() {
			p.pay = payHave{}
		}
	}
	pl.located, pl.remote, pl.hybrid = flags&1 != 0, flags&2 != 0, flags&4 != 0
	relocate := flags&8 != 0
	p.place = placeHave{place: pl, v: unitVector(pl), mode: mode, relocate: relocate, given: !pl.IsZero() || mode == RemoteMode || relocate}
	p.locKey = pl.Key()
	return p, d.b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder reads an encoding front to back; its first failure sticks and
// every later read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrProfileEncoding, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) next(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b) {
		d.fail("truncated")
		return nil
	}
	x := d.b[:n]
	d.b = d.b[n:]
	return x
}

func (d *decoder) byte() byte {
	if x := d.next(1); x != nil {
		return x[0]
	}
	return 0
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items, each at least min bytes long, so a
// damaged count cannot make the decoder allocate more than the input.
func (d *decoder) count(min int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)/min) {
		d.fail("count %d longer than the input", v)
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)) {
		d.fail("truncated string")
		return ""
	}
	return string(d.next(int(n)))
}

func (d *decoder) u32() uint32 {
	if x := d.next(4); x != nil {
		return binary.LittleEndian.Uint32(x)
	}
	return 0
}

func (d *decoder) f64() float64 {
	if x := d.next(8); x != nil {
		return math.Float64frombits(binary.LittleEndian.Uint64(x))
	}
	return 0
}

// profileTableFormat is the first byte of a profile table's encoding
// ([Scorer.AppendProfiles]); a change to the encoding changes it.
const profileTableFormat = 1

// Sizes of a profile table's fixed-width rows.
const (
	tableRow     = 36 // per profile
	tableCertRow = 24 // per credential
)

// Row flags of a profile table.
const (
	rowPresent  = 1 << 0
	rowRelocate = 1 << 1
)

// AppendProfiles appends the encoding of n profiles as one table to b:
// profile(i) is the i-th, nil for a position that holds none; it is called
// twice per position and must return the same profile both times. The table
// holds every distinct string and place once, then a fixed-width row per
// position and the credentials and skills in columns, so
// [Scorer.ReadProfiles] fills profiles with array reads instead of
// parsing them one by one. Like [Scorer.AppendProfile] it names
// credentials by catalog id and skills by key, so it reads back under any
// Scorer with the same catalog. Integers are little endian.
func (s *Scorer) AppendProfiles(b []byte, n int, profile func(i int) *Profile) []byte {
	s = s.or()
	var (
		certs     strTable // catalog ids
		versions  strTable
		skills    strTable // skill keys
		currency  strTable
		periods   strTable
		modes     strTable
		placeStrs strTable
		places    = map[Place]uint32{}
		placeList []Place
		certByPos = map[int]uint32{}
		rows      = make([]byte, 0, n*tableRow)
		certRows  []byte
		skillRows []byte
	)
	le := binary.LittleEndian
	// Skill keys are numbered in the order of this Scorer's Vocab, so a
	// profile's skills, ascending here, stay ascending under a Vocab that
	// numbers the table's keys in table order (a fresh one) and decoding
	// need not sort them.
	used := make([]bool, s.vocab.Len())
	nc, ns := 0, 0
	for i := 0; i < n; i++ {
		if p := profile(i); p != nil {
			for _, id := range p.skills {
				for int(id) >= len(used) {
					used = append(used, false)
				}
				used[id] = true
			}
			nc, ns = nc+len(p.certs), ns+len(p.skills)
		}
	}
	skillByID := make([]uint32, len(used))
	for id, u := range used {
		if u {
			skillByID[id] = skills.index(s.vocab.Key(uint32(id)))
		}
	}
	certRows = make([]byte, 0, nc*tableCertRow)
	skillRows = make([]byte, 0, ns*4)
	for i := 0; i < n; i++ {
		p := profile(i)
		if p == nil {
			rows = append(rows, make([]byte, tableRow)...)
			continue
		}
		flags := byte(rowPresent)
		if p.place.relocate {
			flags |= rowRelocate
		}
		pl := p.place.place
		pi, ok := places[pl]
		if !ok {
			pi = uint32(len(placeList))
			places[pl] = pi
			placeList = append(placeList, pl)
		}
		pay := &p.pay.pay
		rows = append(rows, flags, byte(modes.index(string(p.place.mode))), byte(periods.index(string(pay.Period))), 0)
		rows = le.AppendUint32(rows, currency.index(pay.Currency))
		rows = le.AppendUint32(rows, pi)
		rows = le.AppendUint32(rows, uint32(len(p.certs)))
		rows = le.AppendUint32(rows, uint32(len(p.skills)))
		rows = le.AppendUint64(rows, math.Float64bits(p.years))
		rows = le.AppendUint64(rows, math.Float64bits(pay.Amount))
		for j := range p.certs {
			h := &p.certs[j]
			ci, ok := certByPos[h.cert]
			if !ok {
				ci = certs.index(h.id)
				certByPos[h.cert] = ci
			}
			certRows = le.AppendUint32(certRows, uint32(h.index))
			certRows = le.AppendUint32(certRows, ci)
			certRows = le.AppendUint32(certRows, versions.index(h.version))
			certRows = le.AppendUint32(certRows, uint32(h.issuedFirst))
			certRows = le.AppendUint32(certRows, uint32(h.issuedLast))
			certRows = le.AppendUint32(certRows, uint32(h.validUntil))
		}
		for _, id := range p.skills {
			skillRows = le.AppendUint32(skillRows, skillByID[id])
		}
	}
	b = append(b, profileTableFormat)
	for _, t := range []*strTable{&certs, &versions, &skills, &currency, &periods, &modes} {
		b = t.append(b)
	}
	for _, pl := range placeList {
		placeStrs.index(pl.city)
		placeStrs.index(pl.region)
		placeStrs.index(pl.country)
	}
	b = placeStrs.append(b)
	b = binary.AppendUvarint(b, uint64(len(placeList)))
	for _, pl := range placeList {
		b = le.AppendUint32(b, placeStrs.index(pl.city))
		b = le.AppendUint32(b, placeStrs.index(pl.region))
		b = le.AppendUint32(b, placeStrs.index(pl.country))
		b = le.AppendUint64(b, math.Float64bits(pl.lat))
		b = le.AppendUint64(b, math.Float64bits(pl.lon))
		var f byte
		for i, x := range []bool{pl.located, pl.remote, pl.hybrid} {
			if x {
				f |= 1 << i
			}
		}
		b = append(b, f)
	}
	b = binary.AppendUvarint(b, uint64(n))
	b = binary.AppendUvarint(b, uint64(len(certRows)/tableCertRow))
	b = binary.AppendUvarint(b, uint64(len(skillRows)/4))
	b = append(b, rows...)
	b = append(b, certRows...)
	return append(b, skillRows...)
}

// strTable numbers distinct strings in the order they are first seen.
type strTable struct {
	ix   map[string]uint32
	list []string
}

func (t *strTable) index(s string) uint32 {
	if i, ok := t.ix[s]; ok {
		return i
	}
	if t.ix == nil {
		t.ix = map[string]uint32{}
	}
	i := uint32(len(t.list))
	t.ix[s] = i
	t.list = append(t.list, s)
	return i
}

func (t *strTable) append(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(t.list)))
	for _, s := range t.list {
		b = appendString(b, s)
	}
	return b
}

// ProfileTable is a profile table ([Scorer.AppendProfiles]) whose strings,
// places and columns are checked and resolved, ready to fill profiles
// with [ProfileTable.Decode]. Decode may run on several goroutines at
// once, over disjoint ranges.
type ProfileTable struct {
	n          int
	rows       []byte
	certRows   []byte
	skillRows  []byte
	certStart  []uint32 // by position, then the total
	skillStart []uint32
	// Resolved tables.
	certs    []certRef
	versions []versionRef
	skills   []uint32 // Vocab ids
	currency []currencyRef
	periods  []periodRef
	modes    []WorkMode
	places   []placeRef
	// Backing arrays the profiles' credentials and skills live in.
	heldBuf  []heldCert
	skillBuf []uint32
}

type certRef struct {
	id  string
	pos int
}

type versionRef struct {
	v   string
	key int64
}

type currencyRef struct{ raw, code string }

type periodRef struct {
	p       PayPeriod
	perYear float64
}

type placeRef struct {
	pl    Place
	v     vec3
	key   string
	given bool
}

// ReadProfiles checks the tables of an encoding written by
// [Scorer.AppendProfiles] and resolves its strings under this Scorer's
// catalog and Vocab, interning them in a (so profiles packed into a later
// share them); it does not copy b, which must stay unchanged until the
// last Decode returns. A damaged table, a credential the catalog does not
// hold or a value a profile cannot have is an error wrapping
// ErrProfileEncoding, never a panic.
func (s *Scorer) ReadProfiles(b []byte, a *Arena) (*ProfileTable, error) {
	s = s.or()
	d := decoder{b: b}
	if f := d.byte(); d.err == nil && f != profileTableFormat {
		return nil, fmt.Errorf("%w: table format %d, this library reads %d", ErrProfileEncoding, f, profileTableFormat)
	}
	strs := func() []string {
		n := d.count(1)
		out := make([]string, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			out = append(out, a.Intern(d.str()))
		}
		return out
	}
	certIDs, versions, skillKeys, currency, periods, modes, placeStrs := strs(), strs(), strs(), strs(), strs(), strs(), strs()
	if d.err != nil {
		return nil, d.err
	}
	t := &ProfileTable{}
	for _, id := range certIDs {
		ci, ok := s.cat.byID[id]
		if !ok {
			return nil, fmt.Errorf("%w: credential %q not in the catalog", ErrProfileEncoding, id)
		}
		t.certs = append(t.certs, certRef{id: s.cat.certs[ci].ID, pos: ci})
	}
	for _, v := range versions {
		t.versions = append(t.versions, versionRef{v: v, key: versionKey(v)})
	}
	for _, k := range skillKeys {
		if k == "" {
			return nil, fmt.Errorf("%w: blank skill key", ErrProfileEncoding)
		}
		t.skills = append(t.skills, s.vocab.id(k))
	}
	for _, c := range currency {
		if !validCurrency(c) {
			return nil, fmt.Errorf("%w: pay currency", ErrProfileEncoding)
		}
		t.currency = append(t.currency, currencyRef{raw: c, code: a.Intern(currencyCode(c))})
	}
	if len(periods) > 256 || len(modes) > 256 {
		return nil, fmt.Errorf("%w: too many pay periods or work modes", ErrProfileEncoding)
	}
	for _, p := range periods {
		if _, err := ParsePayPeriod(p); err != nil && p != "" {
			return nil, fmt.Errorf("%w: pay period", ErrProfileEncoding)
		}
		t.periods = append(t.periods, periodRef{p: PayPeriod(p), perYear: PayPeriod(p).PerYear()})
	}
	for _, m := range modes {
		if pm, err := ParseWorkMode(m); err != nil || string(pm) != m {
			return nil, fmt.Errorf("%w: work mode", ErrProfileEncoding)
		}
		t.modes = append(t.modes, WorkMode(m))
	}
	np := d.count(29)
	for i := 0; i < np && d.err == nil; i++ {
		var pl Place
		ref := func() string {
			x := d.u32()
			if d.err == nil && x >= uint32(len(placeStrs)) {
				d.fail("place %d: string %d not in the table", i, x)
				return ""
			}
			if d.err != nil {
				return ""
			}
			return placeStrs[x]
		}
		pl.city, pl.region, pl.country = ref(), ref(), ref()
		pl.lat, pl.lon = d.f64(), d.f64()
		f := d.byte()
		if d.err != nil {
			break
		}
		if math.IsNaN(pl.lat) || math.IsNaN(pl.lon) || math.Abs(pl.lat) > 90 || math.Abs(pl.lon) > 180 || f > 7 {
			d.fail("place %d: coordinates or flags", i)
			break
		}
		pl.located, pl.remote, pl.hybrid = f&1 != 0, f&2 != 0, f&4 != 0
		t.places = append(t.places, placeRef{pl: pl, v: unitVector(pl), key: a.Intern(pl.Key()), given: !pl.IsZero()})
	}
	n, nc, ns := d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if n > uint64(len(d.b))/tableRow || nc > uint64(len(d.b))/tableCertRow || ns > uint64(len(d.b))/4 ||
		n*tableRow+nc*tableCertRow+ns*4 != uint64(len(d.b)) {
		return nil, fmt.Errorf("%w: %d profiles, %d credentials and %d skills do not fill %d bytes", ErrProfileEncoding, n, nc, ns, len(d.b))
	}
	t.n = int(n)
	t.rows, d.b = d.b[:n*tableRow], d.b[n*tableRow:]
	t.certRows, t.skillRows = d.b[:nc*tableCertRow], d.b[nc*tableCertRow:]
	// Each position's first credential and skill, from the rows' counts.
	t.certStart, t.skillStart = make([]uint32, n+1), make([]uint32, n+1)
	var sc, ss uint64
	for i := 0; i < t.n; i++ {
		row := t.rows[i*tableRow:]
		t.certStart[i], t.skillStart[i] = uint32(sc), uint32(ss)
		sc += uint64(binary.LittleEndian.Uint32(row[12:]))
		ss += uint64(binary.LittleEndian.Uint32(row[16:]))
		if sc > nc || ss > ns {
			return nil, fmt.Errorf("%w: profile %d: more credentials or skills than the columns hold", ErrProfileEncoding, i)
		}
	}
	if sc != nc || ss != ns {
		return nil, fmt.Errorf("%w: the rows name %d credentials and %d skills, the columns hold %d and %d", ErrProfileEncoding, sc, ss, nc, ns)
	}
	t.certStart[n], t.skillStart[n] = uint32(sc), uint32(ss)
	t.heldBuf = make([]heldCert, nc)
	t.skillBuf = make([]uint32, ns)
	return t, nil
}

// Len is the number of positions the table holds.
func (t *ProfileTable) Len() int { return t.n }

// Decode fills the profiles of positions from to to-1 that hold one: into
// dst(i), which it calls once per such position. Their credentials and
// skills live in arrays the table shares among them. It checks every row
// and returns an error wrapping ErrProfileEncoding for a damaged one.
func (t *ProfileTable) Decode(from, to int, dst func(i int) *Profile) error {
	le := binary.LittleEndian
	for i := from; i < to; i++ {
		row := t.rows[i*tableRow : (i+1)*tableRow]
		flags := row[0]
		if flags&rowPresent == 0 {
			if flags != 0 || t.certStart[i] != t.certStart[i+1] || t.skillStart[i] != t.skillStart[i+1] {
				return fmt.Errorf("%w: profile %d: an empty position with data", ErrProfileEncoding, i)
			}
			continue
		}
		mode, period, cur, place := int(row[1]), int(row[2]), le.Uint32(row[4:]), le.Uint32(row[8:])
		years, amount := math.Float64frombits(le.Uint64(row[20:])), math.Float64frombits(le.Uint64(row[28:]))
		switch {
		case flags&^(rowPresent|rowRelocate) != 0 || row[3] != 0:
			return fmt.Errorf("%w: profile %d: flags", ErrProfileEncoding, i)
		case mode >= len(t.modes) || period >= len(t.periods) || cur >= uint32(len(t.currency)) || place >= uint32(len(t.places)):
			return fmt.Errorf("%w: profile %d: a string or place not in the tables", ErrProfileEncoding, i)
		case badNumber(years):
			return fmt.Errorf("%w: profile %d: years not a non-negative number", ErrProfileEncoding, i)
		case badNumber(amount):
			return fmt.Errorf("%w: profile %d: pay amount", ErrProfileEncoding, i)
		}
		p := dst(i)
		*p = Profile{years: years}
		if c0, c1 := t.certStart[i], t.certStart[i+1]; c1 > c0 {
			certs := t.heldBuf[c0:c1:c1]
			for j := range certs {
				r := t.certRows[(int(c0)+j)*tableCertRow:]
				idx, ci, vi := le.Uint32(r), le.Uint32(r[4:]), le.Uint32(r[8:])
				if ci >= uint32(len(t.certs)) || vi >= uint32(len(t.versions)) || idx > math.MaxInt32 {
					return fmt.Errorf("%w: profile %d: credential %d not in the tables", ErrProfileEncoding, i, j)
				}
				c, v := &t.certs[ci], &t.versions[vi]
				certs[j] = heldCert{index: int(idx), id: c.id, version: v.v, cert: c.pos, vkey: v.key,
					issuedFirst: int32(le.Uint32(r[12:])), issuedLast: int32(le.Uint32(r[16:])), validUntil: int32(le.Uint32(r[20:]))}
			}
			p.certs = certs
		}
		if s0, s1 := t.skillStart[i], t.skillStart[i+1]; s1 > s0 {
			skills := t.skillBuf[s0:s1:s1]
			for j := range skills {
				k := le.Uint32(t.skillRows[(int(s0)+j)*4:])
				if k >= uint32(len(t.skills)) {
					return fmt.Errorf("%w: profile %d: skill %d not in the table", ErrProfileEncoding, i, j)
				}
				skills[j] = t.skills[k]
			}
			// Vocab ids follow this Scorer's numbering, not the writer's.
			if !slices.IsSorted(skills) {
				slices.Sort(skills)
			}
			if len(slices.Compact(skills)) != len(skills) {
				return fmt.Errorf("%w: profile %d: a skill twice", ErrProfileEncoding, i)
			}
			p.skills = skills
		}
		if amount > 0 {
			c, pp := &t.currency[cur], &t.periods[period]
			if annual := nonNegative(amount * pp.perYear); annual > 0 {
				p.pay = payHave{annual: annual, cur: c.code, pay: Pay{Amount: amount, Currency: c.raw, Period: pp.p}}
			}
		}
		pr := &t.places[place]
		relocate := flags&rowRelocate != 0
		m := t.modes[mode]
		p.place = placeHave{place: pr.pl, v: pr.v, mode: m, relocate: relocate, given: pr.given || m == RemoteMode || relocate}
		p.locKey = pr.key
	}
	return nil
}

// explainedFormat is the first byte of an explained record's encoding
// ([AppendExplained]); a change to the encoding changes it.
const explainedFormat = 1

// AppendExplained appends to b what [Plan.Explain] reads of a candidate
// beside its profile: the id, each credential's name, id and version as
// written, in order, and the skill sources. [DecodeExplained] reads it
// back as a Candidate that explains exactly as c does, for a fraction of
// the cost of decoding the whole record.
func AppendExplained(b []byte, c *Candidate) []byte {
	b = append(b, explainedFormat)
	b = appendString(b, c.ID)
	b = binary.AppendUvarint(b, uint64(len(c.Certifications)))
	for i := range c.Certifications {
		cr := &c.Certifications[i]
		b = appendString(b, cr.Name)
		b = appendString(b, cr.ID)
		b = appendString(b, cr.Version)
	}
	b = binary.AppendUvarint(b, uint64(len(c.SkillSources)))
	for _, k := range slices.Sorted(maps.Keys(c.SkillSources)) {
		b = appendString(b, k)
		b = appendString(b, c.SkillSources[k])
	}
	return b
}

// DecodeExplained reads a record [AppendExplained] wrote. Errors wrap
// ErrProfileEncoding.
func DecodeExplained(b []byte) (Candidate, error) {
	d := decoder{b: b}
	if f := d.byte(); d.err == nil && f != explainedFormat {
		d.fail("explained record format %d, want %d", f, explainedFormat)
	}
	c := Candidate{ID: d.str()}
	if n := d.count(3); n > 0 {
		c.Certifications = make([]Credential, n)
		for i := range c.Certifications {
			cr := &c.Certifications[i]
			cr.Name, cr.ID, cr.Version = d.str(), d.str(), d.str()
		}
	}
	if n := d.count(2); n > 0 {
		c.SkillSources = make(map[string]string, n)
		for range n {
			k := d.str()
			c.SkillSources[k] = d.str()
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the explained record", len(d.b))
	}
	if d.err != nil {
		return Candidate{}, d.err
	}
	return c, nil
}
