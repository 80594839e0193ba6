package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/match/input"
	"github.com/certmatch/certmatch/scoring"
)

// Default deadlines of a coordinator.
const (
	// DefaultTimeout bounds one shard's part of a call, retries included.
	DefaultTimeout = 30 * time.Second
	// DefaultAttemptTimeout bounds one replica's answer before the query
	// is sent again (to any live replica of the shard).
	DefaultAttemptTimeout = 5 * time.Second
)

// Options configure a Coordinator. Catalog and Weights must be those of
// the shards.
type Options struct {
	Config
	// URL is the NATS server to connect to; ignored when Conn is set.
	URL string
	// Conn is an open NATS connection to use; the coordinator does not
	// close it.
	Conn *nats.Conn
	// Catalog validates roles and resolves candidates' credentials for
	// write reports; nil means scoring.DefaultCatalog().
	Catalog *scoring.Catalog
	// Weights are the default weights (as match.Options.Weights).
	Weights *scoring.Weights
	// Now is the cluster's clock: every shard scores a call at the instant
	// it returns when the call starts. nil means time.Now.
	Now func() time.Time
	// Timeout bounds each shard's part of a call; 0 means DefaultTimeout.
	Timeout time.Duration
	// AttemptTimeout bounds one replica's answer; 0 means
	// DefaultAttemptTimeout.
	AttemptTimeout time.Duration
	// ReadYourWrites makes every read wait until the shards have applied
	// every write this coordinator has made (as if each read carried the
	// token of all of them): a server over a cluster then answers like one
	// over an Engine. Reads wait for their own writes only, not for other
	// coordinators'.
	ReadYourWrites bool
}

// Coordinator is the cluster's Engine: writes go to the stream, reads fan
// out to one live replica of every shard (or of the shard owning a
// candidate) and merge. Its read methods have the Engine's signatures and
// results. It is safe for concurrent use.
type Coordinator struct {
	cfg     Config
	nc      *nats.Conn
	ownConn bool
	js      jetstream.JetStream
	scorer  *scoring.Scorer
	cat     *scoring.Catalog
	now     func() time.Time
	timeout time.Duration
	attempt time.Duration

	ryw       bool
	writtenMu sync.Mutex
	written   Token // every write's sequence, with ReadYourWrites

	// betweenPhases, when set (by tests), runs between the two phases of
	// every Rank attempt, with the first phase's replies.
	betweenPhases func(replies []*reply)
}

// Open connects a coordinator and creates the stream when it does not
// exist.
func Open(ctx context.Context, opts Options) (*Coordinator, error) {
	cfg, err := opts.Config.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.Catalog == nil {
		opts.Catalog = scoring.DefaultCatalog()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	c := &Coordinator{cfg: cfg, cat: opts.Catalog, now: opts.Now, timeout: opts.Timeout, attempt: opts.AttemptTimeout, ryw: opts.ReadYourWrites}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.attempt <= 0 {
		c.attempt = DefaultAttemptTimeout
	}
	if c.scorer, err = scoring.NewScorer(scoring.Options{Catalog: opts.Catalog, Weights: opts.Weights}); err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	c.nc, c.ownConn = opts.Conn, opts.Conn == nil
	if c.ownConn {
		if c.nc, err = connect(opts.URL, "certmatch coordinator"); err != nil {
			return nil, err
		}
	}
	if c.js, err = jetstream.New(c.nc, jetstream.WithPublishAsyncMaxPending(4096)); err == nil {
		_, err = ensureStream(ctx, c.js, cfg)
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("cluster: %w", err)
	}
	return c, nil
}

// Close closes the connection the coordinator opened. Closing twice is
// harmless.
func (c *Coordinator) Close() error {
	if c.ownConn && c.nc != nil {
		c.nc.Close()
	}
	return nil
}

// Config returns the cluster configuration (with defaults filled in).
func (c *Coordinator) Config() Config { return c.cfg }

// AddReport says what Add did: the Engine's report, and the token of the
// writes for read-your-writes.
type AddReport struct {
	match.AddReport
	Token Token `json:"token"`
}

// Add validates candidates and publishes each to its shard's subject. It
// returns when the stream holds every write it reports as added (the
// shards apply them a moment later); an invalid candidate is rejected with
// its position and field, as Engine.Add does, and never published.
func (c *Coordinator) Add(ctx context.Context, cands ...scoring.Candidate) (AddReport, error) {
	var rep AddReport
	msgs := make([]write, 0, len(cands))
	for i, cand := range cands {
		if err := cand.Validate(); err != nil {
			rep.Rejected = append(rep.Rejected, input.NewRecordError("["+strconv.Itoa(i)+"]", cand.ID, err))
			continue
		}
		resolved := cand
		resolved.Certifications = slices.Clone(cand.Certifications)
		for _, u := range resolved.Resolve(c.cat) {
			rep.Unresolved = append(rep.Unresolved, match.UnresolvedCert{CandidateID: cand.ID, Unresolved: u})
		}
		msgs = append(msgs, write{Put: &cands[i]})
	}
	tok, n, err := c.publish(ctx, msgs)
	c.wrote(tok)
	rep.Added, rep.Token = n, tok
	return rep, err
}

// Delete publishes the removal of candidates and returns the token of the
// writes. Deleting an id no shard holds is harmless; an empty id, which
// no candidate has, is skipped.
func (c *Coordinator) Delete(ctx context.Context, ids ...string) (Token, error) {
	msgs := make([]write, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			msgs = append(msgs, write{Delete: id})
		}
	}
	tok, _, err := c.publish(ctx, msgs)
	c.wrote(tok)
	return tok, err
}

// publishWindow is the most writes in flight at once: the coordinator
// waits for the stream to store a window before it sends the next.
const publishWindow = 1024

// publish sends writes to their shards' subjects and waits for the stream
// to hold them. It returns the token and the number the stream
// acknowledged before the first failure.
func (c *Coordinator) publish(ctx context.Context, ws []write) (Token, int, error) {
	tok := make(Token, c.cfg.Shards)
	acked := 0
	for start := 0; start < len(ws); start += publishWindow {
		n, err := c.publishWindow(ctx, ws[start:min(len(ws), start+publishWindow)], tok)
		acked += n
		if err != nil {
			return tok, acked, err
		}
	}
	return tok, acked, nil
}

// publishWindow publishes one window of writes and waits for every ack,
// recording the sequences in tok.
func (c *Coordinator) publishWindow(ctx context.Context, ws []write, tok Token) (int, error) {
	futures := make([]jetstream.PubAckFuture, 0, len(ws))
	shards := make([]int, 0, len(ws))
	var pubErr error
	for _, w := range ws {
		id := w.Delete
		if w.Put != nil {
			id = w.Put.ID
		}
		data, err := json.Marshal(w)
		if err != nil {
			pubErr = fmt.Errorf("cluster: encode write for %q: %w", id, err)
			break
		}
		n := c.cfg.ShardOf(id)
		f, err := c.js.PublishMsgAsync(&nats.Msg{Subject: c.cfg.writeSubject(n, id), Data: data})
		if err != nil {
			pubErr = fmt.Errorf("cluster: publish: %w", err)
			break
		}
		futures, shards = append(futures, f), append(shards, n)
	}
	acked := 0
	for i, f := range futures {
		select {
		case ack := <-f.Ok():
			tok[shards[i]] = max(tok[shards[i]], ack.Sequence)
			if pubErr == nil {
				acked++
			}
		case err := <-f.Err():
			if pubErr == nil {
				pubErr = fmt.Errorf("cluster: write not stored: %w", err)
			}
		case <-ctx.Done():
			if pubErr == nil {
				pubErr = ctx.Err()
			}
			return acked, pubErr
		}
	}
	return acked, pubErr
}

// ReadOptions are the cluster's options of a read.
type ReadOptions struct {
	// After is the token of earlier writes: each shard answers only once
	// one replica has applied its entry (read-your-writes). Empty: each
	// shard answers from what it has.
	After Token
	// AllowPartial returns what the live shards give when a shard has no
	// live replica, naming the missing shards, instead of failing.
	AllowPartial bool
}

// Ranking is a cluster ranking: the Engine's ranking and the shards that
// did not answer (only with ReadOptions.AllowPartial).
type Ranking struct {
	match.Ranking
	Missing []int `json:"missing_shards,omitempty"`
}

// Rank ranks the candidates of every shard against a role, exactly as one
// Engine over the union of the shards would. It runs in two phases: every
// shard returns its exact top Offset+Top as ranking keys, with the same
// role, options and clock, and its counts and facets; the coordinator
// merges the keys in the Engine's order, sums the counts and facets, and
// asks only the shards owning candidates of the page to explain them, one
// request per shard, in parallel. A shard without a live replica makes it
// fail with a *ShardError.
//
// Each explanation is checked against the key it was ranked by: when a
// write landed between the phases and moved or removed a candidate of the
// page, both phases run again, so a page is always one that the shards'
// rankings gave (after rankTries attempts the error wraps ErrPageChanged).
func (c *Coordinator) Rank(ctx context.Context, role scoring.Role, opts match.RankOptions) (match.Ranking, error) {
	r, err := c.RankWith(ctx, role, opts, ReadOptions{})
	return r.Ranking, err
}

// RankWith is Rank with read options: read-your-writes and partial
// rankings.
func (c *Coordinator) RankWith(ctx context.Context, role scoring.Role, opts match.RankOptions, ro ReadOptions) (Ranking, error) {
	if opts.Top < 0 || opts.Offset < 0 {
		return Ranking{}, fmt.Errorf("%w: negative top or offset", match.ErrOptions)
	}
	if opts.Top == 0 {
		opts.Top = match.DefaultTop
	}
	if _, err := c.scorer.Compile(role); err != nil {
		return Ranking{}, err
	}
	k := opts.Offset + opts.Top
	if k < 0 { // overflow: every hit
		k = math.MaxInt
	}
	now := c.now()
	if !opts.Now.IsZero() {
		now = opts.Now
	}
	shardOpts := opts
	shardOpts.Offset, shardOpts.Top = 0, k
	req := request{Op: opRank, Role: &role, Rank: &shardOpts, Now: now}
	var err error
	for range rankTries {
		var replies []*reply
		var missing []int
		if replies, missing, err = c.all(ctx, req, ro); err != nil {
			return Ranking{}, err
		}
		if c.betweenPhases != nil {
			c.betweenPhases(replies)
		}
		var out Ranking
		out, err = c.merge(ctx, role, now, opts, replies, missing)
		// A page that changed is ranked again; so is one whose shard lost
		// its last replica between the phases, when a partial ranking may
		// name it missing.
		if !errors.Is(err, ErrPageChanged) && !(ro.AllowPartial && errors.Is(err, ErrShardUnavailable)) {
			return out, err
		}
	}
	return Ranking{}, err
}

// rankTries is how many times Rank runs both phases while the page keeps
// changing between them.
const rankTries = 5

// pageChunk is the most explained results one second-phase reply
// carries, to stay well under the NATS message size.
const pageChunk = 200

// slot is one shard's key in the merge.
type slot struct {
	key   scoring.Order
	shard int
}

// merge orders the shards' top lists in the Engine's order, keeps the
// page, and asks the shards owning its candidates for their explained
// results (the second phase); counts and facets are summed.
func (c *Coordinator) merge(ctx context.Context, role scoring.Role, now time.Time, opts match.RankOptions, replies []*reply, missing []int) (Ranking, error) {
	out := Ranking{Ranking: match.Ranking{Role: role.ID}, Missing: missing}
	var all []slot
	var facets []*index.Facets
	for n, r := range replies {
		if r == nil || r.Ranking == nil {
			continue
		}
		out.Eligible += r.Ranking.Eligible
		out.Total += r.Ranking.Total
		for _, h := range r.Ranking.Hits {
			all = append(all, slot{key: h, shard: n})
		}
		if r.Ranking.Facets != nil {
			facets = append(facets, r.Ranking.Facets)
		}
	}
	if opts.Facets {
		f := mergeFacets(facets)
		out.Facets = &f
	}
	// The Engine's order; a total order, so the merge is deterministic.
	slices.SortFunc(all, func(a, b slot) int { return a.key.Compare(b.key) })
	var page []slot
	if opts.Offset < len(all) {
		page = all[opts.Offset:min(len(all), opts.Offset+opts.Top)]
	}
	if len(page) == 0 {
		return out, nil
	}
	// The page's candidates on each shard, in page order.
	ids := make([][]string, len(replies))
	where := make([][]int, len(replies)) // page index of each id
	for i, s := range page {
		ids[s.shard] = append(ids[s.shard], s.key.ID)
		where[s.shard] = append(where[s.shard], i)
	}
	results := make([]match.Ranked, len(page))
	errs := make([]error, len(replies))
	var wg sync.WaitGroup
	for n := range replies {
		if len(ids[n]) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.explainPage(ctx, n, replies[n], role, now, ids[n])
			if err != nil {
				errs[n] = err
				return
			}
			for i, x := range got {
				p := where[n][i]
				if x.CandidateOrder().Compare(page[p].key) != 0 {
					errs[n] = &ShardError{Shard: n, Err: fmt.Errorf("%w: %q was ranked by another version than the one explained", ErrPageChanged, x.CandidateID)}
					return
				}
				x.Rank = opts.Offset + p + 1
				results[p] = x
			}
		}()
	}
	wg.Wait()
	// A page that changed is ranked again; it wins over other errors only
	// when every error is one.
	var changed, other error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, ErrPageChanged):
			changed = err
		default:
			other = err
		}
	}
	if other != nil {
		return Ranking{}, other
	}
	if changed != nil {
		return Ranking{}, changed
	}
	out.Results = results
	return out, nil
}

// explainPage asks shard n for the explained results of ids: the replica
// that ranked them first (it holds the state the keys came from), then,
// if it fails to answer, any live replica that has applied as much. A
// candidate no longer stored means the page changed.
func (c *Coordinator) explainPage(ctx context.Context, n int, ranked *reply, role scoring.Role, now time.Time, ids []string) ([]match.Ranked, error) {
	out := make([]match.Ranked, 0, len(ids))
	for start := 0; start < len(ids); start += pageChunk {
		req := request{Op: opPage, Role: &role, IDs: ids[start:min(len(ids), start+pageChunk)], Now: now}
		rep, err := c.direct(ctx, n, ranked.Ranking.Replica, req)
		if err != nil && ctx.Err() == nil && !errors.Is(err, match.ErrUnknownCandidate) {
			// The replica died, is closing or is slow: any live one that
			// has applied as much explains the same versions (the keys
			// are checked below).
			rep, err = c.call(ctx, n, req, ranked.Applied)
		}
		if errors.Is(err, match.ErrUnknownCandidate) {
			return nil, &ShardError{Shard: n, Err: fmt.Errorf("%w: %w", ErrPageChanged, err)}
		}
		if err != nil {
			return nil, err
		}
		if len(rep.Ranked) != len(req.IDs) {
			return nil, &ShardError{Shard: n, Err: fmt.Errorf("second phase: %d results for %d candidates", len(rep.Ranked), len(req.IDs))}
		}
		out = append(out, rep.Ranked...)
	}
	return out, nil
}

// direct sends one query to one replica's own subject and waits for its
// answer within the attempt timeout.
func (c *Coordinator) direct(ctx context.Context, n int, subject string, req request) (*reply, error) {
	if subject == "" {
		return nil, nats.ErrNoResponders
	}
	data, err := encode(req)
	if err != nil {
		return nil, fmt.Errorf("cluster: encode query: %w", err)
	}
	actx, cancel := context.WithTimeout(ctx, c.attempt)
	defer cancel()
	msg, err := c.nc.RequestWithContext(actx, subject, data)
	if err != nil {
		return nil, err
	}
	var rep reply
	if err := decode(msg.Data, &rep); err != nil {
		return nil, &ShardError{Shard: n, Err: fmt.Errorf("bad reply: %w", err)}
	}
	if rep.Error != nil {
		return nil, &RemoteError{Shard: n, Code: rep.Error.Code, Message: rep.Error.Message}
	}
	return &rep, nil
}

// mergeFacets sums term counts and orders each facet as the Engine does:
// count descending, term ascending.
func mergeFacets(fs []*index.Facets) index.Facets {
	sum := func(get func(*index.Facets) []index.FacetCount) []index.FacetCount {
		counts := map[string]int{}
		for _, f := range fs {
			for _, fc := range get(f) {
				counts[fc.Term] += fc.Count
			}
		}
		out := make([]index.FacetCount, 0, len(counts))
		for t, n := range counts {
			out = append(out, index.FacetCount{Term: t, Count: n})
		}
		slices.SortFunc(out, func(a, b index.FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			switch {
			case a.Term < b.Term:
				return -1
			case a.Term > b.Term:
				return 1
			}
			return 0
		})
		return out
	}
	return index.Facets{
		Certifications: sum(func(f *index.Facets) []index.FacetCount { return f.Certifications }),
		Skills:         sum(func(f *index.Facets) []index.FacetCount { return f.Skills }),
		Locations:      sum(func(f *index.Facets) []index.FacetCount { return f.Locations }),
	}
}

// Explain scores one stored candidate against a role, explained, on the
// shard that owns it.
func (c *Coordinator) Explain(ctx context.Context, id string, role scoring.Role) (scoring.Result, error) {
	if _, err := c.scorer.Compile(role); err != nil {
		return scoring.Result{}, err
	}
	r, err := c.one(ctx, id, request{Op: opExplain, IDs: []string{id}, Role: &role, Now: c.now()})
	if err != nil || r.Result == nil {
		return scoring.Result{}, err
	}
	return *r.Result, nil
}

// RolesFor is reverse matching on the shard that owns the candidate, as
// Engine.RolesFor.
func (c *Coordinator) RolesFor(ctx context.Context, id string, roles []scoring.Role) ([]scoring.Result, error) {
	for _, role := range roles {
		if _, err := c.scorer.Compile(role); err != nil {
			return nil, err
		}
	}
	r, err := c.one(ctx, id, request{Op: opRoles, IDs: []string{id}, Roles: roles, Now: c.now()})
	if err != nil {
		return nil, err
	}
	if r.Results == nil {
		r.Results = []scoring.Result{}
	}
	return r.Results, nil
}

// Get returns a stored candidate from the shard that owns it.
func (c *Coordinator) Get(ctx context.Context, id string) (scoring.Candidate, error) {
	r, err := c.one(ctx, id, request{Op: opGet, IDs: []string{id}})
	if err != nil || r.Candidate == nil {
		return scoring.Candidate{}, err
	}
	return *r.Candidate, nil
}

// Count returns the number of candidates: the sum over the shards.
func (c *Coordinator) Count(ctx context.Context) (int, error) {
	return c.CountWith(ctx, ReadOptions{})
}

// CountWith is Count with read options; with AllowPartial a missing shard
// counts 0.
func (c *Coordinator) CountWith(ctx context.Context, ro ReadOptions) (int, error) {
	replies, _, err := c.all(ctx, request{Op: opCount}, ro)
	n := 0
	for _, r := range replies {
		if r != nil {
			n += r.Count
		}
	}
	return n, err
}

// wrote records the token of writes, with ReadYourWrites.
func (c *Coordinator) wrote(tok Token) {
	if !c.ryw {
		return
	}
	c.writtenMu.Lock()
	c.written = c.written.Merge(tok)
	c.writtenMu.Unlock()
}

// after is the token a read waits for: its own, and with ReadYourWrites
// every write the coordinator made.
func (c *Coordinator) after(tok Token) Token {
	if !c.ryw {
		return tok
	}
	c.writtenMu.Lock()
	defer c.writtenMu.Unlock()
	return tok.Merge(c.written)
}

// one sends a query about id to the shard that owns it.
func (c *Coordinator) one(ctx context.Context, id string, req request) (*reply, error) {
	n := c.cfg.ShardOf(id)
	var seq uint64
	if after := c.after(nil); n < len(after) {
		seq = after[n]
	}
	r, err := c.call(ctx, n, req, seq)
	if errors.Is(err, match.ErrUnknownCandidate) {
		return nil, fmt.Errorf("%w: %q", match.ErrUnknownCandidate, id)
	}
	return r, err
}

// all sends req to every shard at once. A shard with no live replica is
// an error, or with AllowPartial a missing shard.
func (c *Coordinator) all(ctx context.Context, req request, ro ReadOptions) ([]*reply, []int, error) {
	replies := make([]*reply, c.cfg.Shards)
	errs := make([]error, c.cfg.Shards)
	ro.After = c.after(ro.After)
	var wg sync.WaitGroup
	for n := range c.cfg.Shards {
		var after uint64
		if n < len(ro.After) {
			after = ro.After[n]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[n], errs[n] = c.call(ctx, n, req, after)
		}()
	}
	wg.Wait()
	var missing []int
	for n, err := range errs {
		if err == nil {
			continue
		}
		if ro.AllowPartial && errors.Is(err, ErrShardUnavailable) {
			missing = append(missing, n)
			continue
		}
		return nil, nil, err
	}
	return replies, missing, nil
}

// maxHedges is how many more times a query unanswered after the attempt
// timeout is sent.
const maxHedges = 2

// call asks a live replica of shard n and waits for the first answer
// until the shard's deadline. When no answer comes within the attempt
// timeout the query is sent again (the queue group may pick another
// replica) while the earlier one may still answer: a replica that died
// mid-query is replaced, and a slow one is not abandoned (at most
// maxHedges copies are added). With no replica
// subscribed, it waits a little and asks again; a replica that has not
// applied after yet answers "behind" and the query goes out again.
func (c *Coordinator) call(ctx context.Context, n int, req request, after uint64) (*reply, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req.MinSeq = after
	req.Wait = c.attempt * 4 / 5
	data, err := encode(req)
	if err != nil {
		return nil, fmt.Errorf("cluster: encode query: %w", err)
	}
	inbox := nats.NewInbox()
	replies := make(chan *nats.Msg, 16)
	sub, err := c.nc.ChanSubscribe(inbox, replies)
	if err != nil {
		return nil, &ShardError{Shard: n, Err: err}
	}
	defer sub.Unsubscribe()
	subject := c.cfg.querySubject(n)
	var last error
	send := func() {
		if err := c.nc.PublishRequest(subject, inbox, data); err != nil {
			last = err
		}
	}
	send()
	hedge := time.NewTimer(c.attempt)
	defer hedge.Stop()
	backoff := 20 * time.Millisecond
	hedges := 0
	for {
		select {
		case msg := <-replies:
			if len(msg.Data) == 0 && msg.Header.Get("Status") == "503" {
				// No responders: no replica is subscribed right now.
				last = nats.ErrNoResponders
				select {
				case <-ctx.Done():
					continue
				case <-time.After(backoff):
				}
				backoff = min(2*backoff, 500*time.Millisecond)
				send()
				continue
			}
			var rep reply
			if err := decode(msg.Data, &rep); err != nil {
				return nil, &ShardError{Shard: n, Err: fmt.Errorf("bad reply: %w", err)}
			}
			if rep.Error == nil {
				return &rep, nil
			}
			rerr := &RemoteError{Shard: n, Code: rep.Error.Code, Message: rep.Error.Message}
			if rep.Error.Code != codeBehind {
				return nil, rerr
			}
			last = rerr
			send()
		case <-hedge.C:
			// Bounded, so a shard that is slow rather than dead is not
			// buried under copies of the query.
			last = context.DeadlineExceeded
			if hedges < maxHedges {
				hedges++
				send()
			}
			hedge.Reset(c.attempt)
		case <-ctx.Done():
			if parent := context.Cause(ctx); errors.Is(parent, context.Canceled) {
				return nil, parent
			}
			return nil, &ShardError{Shard: n, Err: fmt.Errorf("%w (last: %v)", ErrShardUnavailable, last)}
		}
	}
}
