package cluster

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// write is one message of the stream: a candidate upsert or a delete.
// Messages are JSON, one per candidate, so any NATS client can feed the
// cluster.
type write struct {
	Put    *scoring.Candidate `json:"put,omitempty"`
	Delete string             `json:"delete,omitempty"`
}

// Query operations.
const (
	opRank    = "rank"
	opExplain = "explain"
	opGet     = "get"
	opRoles   = "roles"
	opCount   = "count"
	opPage    = "page"
)

// encode writes a query or a reply in gob: every exported field crosses
// the wire, including those JSON output leaves out, so a result comes back
// equal to the one the shard's Engine returned.
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decode reads what encode wrote. gob gives back an empty list as nil;
// a reply's results get their always-written lists back as empty ones, so
// they equal what the shard's Engine returned.
func decode(data []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(v); err != nil {
		return err
	}
	if rep, ok := v.(*reply); ok {
		rep.emptyLists()
	}
	return nil
}

// emptyLists restores the empty lists of every result in a reply.
func (rep *reply) emptyLists() {
	for i := range rep.Ranked {
		emptyLists(&rep.Ranked[i].Result)
	}
	if rep.Result != nil {
		emptyLists(rep.Result)
	}
	for i := range rep.Results {
		emptyLists(&rep.Results[i])
	}
}

// emptyLists makes a result's nil lists that JSON output always writes
// empty ones.
func emptyLists(r *scoring.Result) {
	if r.Components == nil {
		r.Components = []scoring.Component{}
	}
	if r.Missing == nil {
		r.Missing = []scoring.Missing{}
	}
	if r.NextSteps == nil {
		r.NextSteps = []scoring.NextStep{}
	}
}

// request is a query to one shard (gob on the query subject).
type request struct {
	Op    string             `json:"op"`
	Role  *scoring.Role      `json:"role,omitempty"`
	Roles []scoring.Role     `json:"roles,omitempty"`
	IDs   []string           `json:"ids,omitempty"`
	Rank  *match.RankOptions `json:"rank,omitempty"`
	// Now is the clock every shard scores at, so that currency and
	// recency are judged at one instant across the cluster.
	Now time.Time `json:"now"`
	// MinSeq is the stream sequence the shard must have applied before
	// it answers; Wait bounds how long it waits for it.
	MinSeq uint64        `json:"min_seq,omitempty"`
	Wait   time.Duration `json:"wait,omitempty"`
}

// rankReply is a shard's first-phase answer to a rank: its exact top list
// as the keys results are ranked by (scoring.Order, so the merge follows
// the Engine's one rule, whatever fields it comes to hold), its counts and
// facets, and the replica's own subject, where the second phase asks for
// the explained results of the page's candidates it owns.
type rankReply struct {
	Hits     []scoring.Order `json:"hits"`
	Eligible int             `json:"eligible"`
	Total    int             `json:"total"`
	Facets   *index.Facets   `json:"facets,omitempty"`
	Replica  string          `json:"replica,omitempty"`
}

// reply is a shard's answer. Applied is the last stream sequence the
// replica had applied when it answered.
type reply struct {
	Applied   uint64             `json:"applied"`
	Ranking   *rankReply         `json:"ranking,omitempty"`
	Ranked    []match.Ranked     `json:"ranked,omitempty"`
	Result    *scoring.Result    `json:"result,omitempty"`
	Results   []scoring.Result   `json:"results,omitempty"`
	Candidate *scoring.Candidate `json:"candidate,omitempty"`
	Count     int                `json:"count,omitempty"`
	Error     *wireError         `json:"error,omitempty"`
}

// wireError carries an error across the wire with a code the coordinator
// turns back into the sentinel a caller branches on.
type wireError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error codes.
const (
	codeUnknown  = "unknown_candidate"
	codeRole     = "role"
	codeOptions  = "options"
	codeBehind   = "behind"
	codeTooLarge = "too_large"
	codeInternal = "internal"
)

// errBehind is a replica's answer when it has not applied the sequence a
// query asks for within the query's wait; another replica may have.
var errBehind = errors.New("cluster: replica has not applied the requested writes yet")

// ErrPageChanged is wrapped by the error of a Rank whose page kept
// changing between its two phases: a write landing between them moved or
// removed a candidate of the page in every attempt.
var ErrPageChanged = errors.New("cluster: the page's candidates changed while it was explained")

// errTooLarge is a replica's answer when its reply would exceed the NATS
// message size: Offset+Top is too deep for the cluster.
var errTooLarge = errors.New("cluster: reply exceeds the NATS message size; ask for a shallower page")

func toWire(err error) *wireError {
	code := codeInternal
	switch {
	case errors.Is(err, match.ErrUnknownCandidate):
		code = codeUnknown
	case errors.Is(err, scoring.ErrRole):
		code = codeRole
	case errors.Is(err, match.ErrOptions):
		code = codeOptions
	case errors.Is(err, errBehind):
		code = codeBehind
	case errors.Is(err, errTooLarge):
		code = codeTooLarge
	}
	return &wireError{Code: code, Message: err.Error()}
}

// RemoteError is an error a shard replica returned.
type RemoteError struct {
	Shard   int
	Code    string
	Message string
}

func (e *RemoteError) Error() string {
	return "cluster: shard " + strconv.Itoa(e.Shard) + ": " + e.Message
}

// Unwrap gives the sentinel the code stands for, so errors.Is works across
// the wire as it does on an Engine.
func (e *RemoteError) Unwrap() error {
	switch e.Code {
	case codeUnknown:
		return match.ErrUnknownCandidate
	case codeRole:
		return scoring.ErrRole
	case codeOptions:
		return match.ErrOptions
	case codeBehind:
		return errBehind
	case codeTooLarge:
		return errors.Join(match.ErrOptions, errTooLarge)
	}
	return nil
}

// ErrShardUnavailable is wrapped by a *ShardError when no replica of a
// shard answered within the deadline.
var ErrShardUnavailable = errors.New("no live replica answered")

// ShardError names the shard a call failed on.
type ShardError struct {
	Shard int
	Err   error
}

func (e *ShardError) Error() string {
	return fmt.Sprintf("cluster: shard %d: %v", e.Shard, e.Err)
}

func (e *ShardError) Unwrap() error { return e.Err }

// Token is what a write returns: for each shard (by index) the stream
// sequence of the last write the call made to it, 0 for none. A read given
// a token answers only after every shard has applied its sequence
// (read-your-writes).
type Token []uint64

// Merge returns the token covering both t and o: the later sequence per
// shard.
func (t Token) Merge(o Token) Token {
	out := make(Token, max(len(t), len(o)))
	copy(out, t)
	for i, s := range o {
		out[i] = max(out[i], s)
	}
	return out
}

// String writes the token as comma-separated sequences, "0,17,0,42", the
// form ParseToken reads (for an HTTP header, say).
func (t Token) String() string {
	parts := make([]string, len(t))
	for i, s := range t {
		parts[i] = strconv.FormatUint(s, 10)
	}
	return strings.Join(parts, ",")
}

// ParseToken reads a token written by Token.String; "" is the empty token.
func ParseToken(s string) (Token, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	t := make(Token, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseUint(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: token %q: entry %d is not a sequence", ErrConfig, s, i)
		}
		t[i] = v
	}
	return t, nil
}
