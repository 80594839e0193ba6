package scoring

import (
	"encoding/binary"
	"errors"
	"fmt"
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
