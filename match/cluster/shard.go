package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/certmatch/certmatch/index"
	"github.com/certmatch/certmatch/internal/safe"
	"github.com/certmatch/certmatch/match"
	"github.com/certmatch/certmatch/scoring"
)

// DefaultBatch is the most stream messages a shard applies in one index
// batch when ShardConfig.Batch is 0.
const DefaultBatch = 1000

// ShardConfig configures one replica of one shard.
type ShardConfig struct {
	Config
	// URL is the NATS server to connect to (several, comma-separated, for
	// a NATS cluster). Ignored when Conn is set.
	URL string
	// Conn is an open NATS connection to use instead of URL; the shard
	// does not close it.
	Conn *nats.Conn
	// Shard is the shard this replica serves, 0 <= Shard < Shards.
	Shard int
	// Dir holds the replica's on-disk index (Dir/index) and the stream
	// sequence it has applied (Dir/applied). "" keeps the index in memory
	// and rebuilds it from the stream at every start.
	Dir string
	// Replica names this replica's durable consumer; it must stay the same
	// across restarts. "" derives it from Dir (or makes a new one for an
	// in-memory replica). Letters, digits, '-' and '_' only.
	Replica string
	// Engine configures the replica's Engine: Catalog, Weights and
	// BatchSize are used (every replica and the coordinator must use the
	// same catalog and weights); Path and Now are set by the shard.
	Engine match.Options
	// Batch is the most stream messages applied in one index batch; 0
	// means DefaultBatch.
	Batch int
	// Logf, when set, receives what the shard does in the background
	// (catching up, restarts of its consumer, records it could not apply).
	Logf func(format string, args ...any)
}

// Shard is one running replica of one shard: an Engine over the shard's
// partition, fed in order by a durable JetStream consumer and answering
// the coordinator's queries in the shard's queue group. Open it with
// OpenShard, run it with Run, and Close it.
type Shard struct {
	cfg     ShardConfig
	eng     *match.Engine
	nc      *nats.Conn
	ownConn bool
	js      jetstream.JetStream
	clock   clock
	posPath string

	// explained counts the results the replica has explained for the
	// second phase of a rank.
	explained atomic.Int64

	mu       sync.Mutex
	applied  uint64
	advanced chan struct{} // closed and replaced when applied grows

	serveOnce sync.Once
	ready     chan struct{}
	subs      []*nats.Subscription
	inflight  chan struct{} // queries being answered or waiting
	work      chan struct{} // queries using the engine
	handlers  sync.WaitGroup
	ctx       context.Context
	cancel    context.CancelFunc
}

// position is what Dir/applied holds.
type position struct {
	Stream string `json:"stream"`
	Shard  int    `json:"shard"`
	Shards int    `json:"shards"`
	Seq    uint64 `json:"seq"`
}

// OpenShard opens a replica: its index (an on-disk one resumes from the
// sequence recorded beside it; one whose record is missing or unreadable
// is dropped and rebuilt from the stream), its NATS connection and the
// stream. It applies nothing until Run.
func OpenShard(ctx context.Context, cfg ShardConfig) (*Shard, error) {
	var err error
	if cfg.Config, err = cfg.Config.withDefaults(); err != nil {
		return nil, err
	}
	if cfg.Shard < 0 || cfg.Shard >= cfg.Shards {
		return nil, fmt.Errorf("%w: shard %d of %d", ErrConfig, cfg.Shard, cfg.Shards)
	}
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	if cfg.Replica == "" {
		cfg.Replica = defaultReplica(cfg.Dir)
	}
	if !validName(cfg.Replica) {
		return nil, fmt.Errorf("%w: replica name %q: only letters, digits, '-' and '_'", ErrConfig, cfg.Replica)
	}
	s := &Shard{cfg: cfg, advanced: make(chan struct{}), ready: make(chan struct{}), inflight: make(chan struct{}, maxInflight), work: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
	s.clock.cond = sync.NewCond(&s.clock.mu)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	eopts := cfg.Engine
	eopts.Path, eopts.Now = "", s.clock.Now
	if cfg.Dir != "" {
		if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("cluster: shard %d: %w", cfg.Shard, err)
		}
		s.posPath = filepath.Join(cfg.Dir, "applied")
		eopts.Path = filepath.Join(cfg.Dir, "index")
		if s.applied, err = s.resume(eopts.Path); err != nil {
			return nil, err
		}
	}
	if s.eng, err = match.Open(ctx, eopts); err != nil {
		return nil, fmt.Errorf("cluster: shard %d: %w", cfg.Shard, err)
	}
	s.nc, s.ownConn = cfg.Conn, cfg.Conn == nil
	if s.ownConn {
		if s.nc, err = connect(cfg.URL, fmt.Sprintf("certmatch shard %d/%d %s", cfg.Shard, cfg.Shards, cfg.Replica)); err != nil {
			s.eng.Close()
			return nil, err
		}
	}
	if s.js, err = jetstream.New(s.nc); err == nil {
		_, err = ensureStream(ctx, s.js, cfg.Config)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("cluster: shard %d: %w", cfg.Shard, err)
	}
	return s, nil
}

// resume reads the applied sequence recorded beside the index at ixPath.
// Without a readable record the index cannot be trusted to match any
// point of the stream, so it is removed and rebuilt from the start.
func (s *Shard) resume(ixPath string) (uint64, error) {
	data, err := os.ReadFile(s.posPath)
	var pos position
	if err == nil {
		err = json.Unmarshal(data, &pos)
	}
	_, ixErr := os.Stat(ixPath)
	if err != nil || ixErr != nil {
		if err == nil || !errors.Is(err, os.ErrNotExist) || ixErr == nil {
			s.logf("shard %d: no usable applied sequence or index in %s; rebuilding from the stream", s.cfg.Shard, s.cfg.Dir)
		}
		if err := os.RemoveAll(ixPath); err != nil {
			return 0, fmt.Errorf("cluster: shard %d: %w", s.cfg.Shard, err)
		}
		if err := os.Remove(s.posPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("cluster: shard %d: %w", s.cfg.Shard, err)
		}
		return 0, nil
	}
	if pos.Stream != s.cfg.Stream || pos.Shard != s.cfg.Shard || pos.Shards != s.cfg.Shards {
		return 0, fmt.Errorf("%w: %s holds shard %d/%d of stream %s, not %d/%d of %s",
			ErrConfig, s.cfg.Dir, pos.Shard, pos.Shards, pos.Stream, s.cfg.Shard, s.cfg.Shards, s.cfg.Stream)
	}
	return pos.Seq, nil
}

// persist records seq beside the index, atomically: a temporary file is
// synced and renamed over the record, and the directory is synced.
func (s *Shard) persist(seq uint64) error {
	if s.posPath == "" {
		return nil
	}
	data, _ := json.Marshal(position{Stream: s.cfg.Stream, Shard: s.cfg.Shard, Shards: s.cfg.Shards, Seq: seq})
	tmp := s.posPath + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.posPath)
	}
	if err != nil {
		return err
	}
	d, err := os.Open(s.cfg.Dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func defaultReplica(dir string) string {
	if dir == "" {
		return "mem-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return "disk-" + strconv.FormatUint(fnv64(dir), 36)
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func (s *Shard) logf(format string, args ...any) {
	if s.cfg.Logf != nil {
		s.cfg.Logf(format, args...)
	}
}

// Engine returns the replica's engine, for reads in the same process.
func (s *Shard) Engine() *match.Engine { return s.eng }

// Applied returns the stream sequence of the last write the replica has
// applied (0 for none).
func (s *Shard) Applied() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.applied
}

// Ready is closed once the replica has caught up with the stream and
// answers queries.
func (s *Shard) Ready() <-chan struct{} { return s.ready }

func (s *Shard) advance(seq uint64) {
	s.mu.Lock()
	if seq > s.applied {
		s.applied = seq
		close(s.advanced)
		s.advanced = make(chan struct{})
	}
	s.mu.Unlock()
}

// waitApplied waits until the replica has applied seq or ctx ends.
func (s *Shard) waitApplied(ctx context.Context, seq uint64) error {
	for {
		s.mu.Lock()
		applied, ch := s.applied, s.advanced
		s.mu.Unlock()
		if applied >= seq {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return errBehind
		}
	}
}

// RunShard opens a shard replica, runs it until ctx ends and closes it:
// what `certmatch shard --nats URL --shard N/M --index DIR` does.
func RunShard(ctx context.Context, cfg ShardConfig) error {
	s, err := OpenShard(ctx, cfg)
	if err != nil {
		return err
	}
	runErr := s.Run(ctx)
	if err := s.Close(); runErr == nil {
		runErr = err
	}
	return runErr
}

// Run applies the shard's writes from the stream, in order, and answers
// queries once it has caught up, until ctx ends (it then returns nil). A
// lost connection or a consumer the server dropped is recreated from the
// last applied sequence.
func (s *Shard) Run(ctx context.Context) error {
	for {
		err := s.consume(ctx)
		if ctx.Err() != nil {
			return nil
		}
		s.logf("shard %d: consumer stopped (%v); resuming after sequence %d", s.cfg.Shard, err, s.Applied())
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// errGap means a delivery was missed: the consumer is recreated from the
// last applied sequence so writes are never applied out of order.
var errGap = errors.New("cluster: a delivery was missed")

// consume runs one durable consumer from the sequence after the last
// applied one until an error or the end of ctx.
func (s *Shard) consume(ctx context.Context) error {
	name := fmt.Sprintf("shard-%d-of-%d-%s", s.cfg.Shard, s.cfg.Shards, s.cfg.Replica)
	// The replica's own record, written with its index, says where to
	// resume; the server's copy of the consumer may be ahead of it (the
	// index was lost) or behind (a crash before the ack), so it is made
	// anew at that point.
	if err := s.js.DeleteConsumer(ctx, s.cfg.Stream, name); err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return err
	}
	cc := jetstream.ConsumerConfig{
		Durable:           name,
		Description:       "certmatch shard replica",
		FilterSubject:     s.cfg.shardSubjects(s.cfg.Shard),
		AckPolicy:         jetstream.AckAllPolicy,
		AckWait:           time.Minute,
		MaxAckPending:     4 * s.cfg.Batch,
		InactiveThreshold: 24 * time.Hour,
		DeliverPolicy:     jetstream.DeliverAllPolicy,
	}
	applied := s.Applied()
	if applied > 0 {
		cc.DeliverPolicy, cc.OptStartSeq = jetstream.DeliverByStartSequencePolicy, applied+1
	}
	cons, err := s.js.CreateConsumer(ctx, s.cfg.Stream, cc)
	if err != nil {
		return err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return err
	}
	if info.NumPending == 0 {
		s.serve()
	} else {
		s.logf("shard %d: catching up %d writes after sequence %d", s.cfg.Shard, info.NumPending, applied)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(2 * s.cfg.Batch))
	if err != nil {
		return err
	}
	defer it.Stop()
	var delivered uint64 // the consumer's delivery sequence so far
	msgs := make([]jetstream.Msg, 0, s.cfg.Batch)
	for {
		m, err := it.Next(jetstream.NextContext(ctx))
		if err != nil {
			return err
		}
		msgs = append(msgs[:0], m)
		for len(msgs) < s.cfg.Batch {
			m, err := it.Next(jetstream.NextMaxWait(time.Millisecond))
			if err != nil {
				break
			}
			msgs = append(msgs, m)
		}
		pending, err := s.apply(ctx, msgs, &delivered)
		if err != nil {
			return err
		}
		// Nothing was left for the consumer when the last write applied
		// was delivered: the replica is current.
		if pending == 0 {
			s.serve()
		}
	}
}

// apply applies msgs in stream order: runs of upserts as one Add, runs of
// deletes as one Delete, skipping what was applied already (a
// redelivery). The new sequence is recorded after the index has the batch
// and before the stream is acknowledged. It returns the number of writes
// the server still had for the consumer when the last one was delivered.
func (s *Shard) apply(ctx context.Context, msgs []jetstream.Msg, delivered *uint64) (uint64, error) {
	seq := s.Applied()
	var puts []scoring.Candidate
	var dels []string
	flush := func() error {
		if len(puts) > 0 {
			rep, err := s.eng.Add(ctx, puts...)
			for _, r := range rep.Rejected {
				s.logf("shard %d: write rejected: %v", s.cfg.Shard, r)
			}
			if err != nil {
				return err
			}
			puts = puts[:0]
		}
		if len(dels) > 0 {
			if _, err := s.eng.Delete(ctx, dels...); err != nil {
				return err
			}
			dels = dels[:0]
		}
		return nil
	}
	var pending uint64
	for _, m := range msgs {
		md, err := m.Metadata()
		if err != nil {
			return 0, err
		}
		if md.Sequence.Consumer != *delivered+1 {
			return 0, errGap
		}
		*delivered = md.Sequence.Consumer
		pending = md.NumPending
		if md.Sequence.Stream <= seq {
			continue
		}
		seq = md.Sequence.Stream
		var w write
		if err := json.Unmarshal(m.Data(), &w); err != nil || (w.Put == nil) == (w.Delete == "") {
			s.logf("shard %d: sequence %d is not a certmatch write; skipped", s.cfg.Shard, md.Sequence.Stream)
			continue
		}
		if w.Put != nil {
			if len(dels) > 0 {
				if err := flush(); err != nil {
					return 0, err
				}
			}
			puts = append(puts, *w.Put)
			continue
		}
		if len(puts) > 0 {
			if err := flush(); err != nil {
				return 0, err
			}
		}
		dels = append(dels, w.Delete)
	}
	if err := flush(); err != nil {
		return 0, err
	}
	if seq > s.Applied() {
		if err := s.persist(seq); err != nil {
			return 0, fmt.Errorf("cluster: shard %d: record applied sequence: %w", s.cfg.Shard, err)
		}
		s.advance(seq)
	}
	// With AckAll, acknowledging the last message acknowledges the batch.
	// A lost ack only means a redelivery, which is skipped.
	_ = msgs[len(msgs)-1].Ack()
	return pending, nil
}

// serve joins the shard's queue group, once.
func (s *Shard) serve() {
	s.serveOnce.Do(func() {
		direct, err := s.nc.Subscribe(s.cfg.replicaSubject(s.cfg.Shard, s.cfg.Replica), s.handle)
		if err != nil {
			s.logf("shard %d: cannot answer queries: %v", s.cfg.Shard, err)
			return
		}
		group, err := s.nc.QueueSubscribe(s.cfg.querySubject(s.cfg.Shard), "replicas", s.handle)
		if err != nil {
			_ = direct.Unsubscribe()
			s.logf("shard %d: cannot answer queries: %v", s.cfg.Shard, err)
			return
		}
		s.mu.Lock()
		s.subs = []*nats.Subscription{direct, group}
		s.mu.Unlock()
		s.logf("shard %d: caught up at sequence %d; answering queries", s.cfg.Shard, s.Applied())
		close(s.ready)
	})
}

// maxInflight bounds the queries a replica holds at once, waiting for a
// sequence or answering.
const maxInflight = 256

// handle answers one query on its own goroutine: at most maxInflight at
// once, of which at most two per core use the engine (a query waiting for
// a sequence holds no engine slot).
func (s *Shard) handle(m *nats.Msg) {
	select {
	case s.inflight <- struct{}{}:
	case <-s.ctx.Done():
		return
	}
	s.handlers.Add(1)
	go func() {
		defer s.handlers.Done()
		defer func() { <-s.inflight }()
		rep := s.answer(m.Data)
		if m.Reply == "" {
			return
		}
		data, err := encode(rep)
		if err == nil && int64(len(data)) > s.nc.MaxPayload() {
			err = errTooLarge
		}
		if err != nil {
			data, _ = encode(reply{Applied: rep.Applied, Error: toWire(err)})
		}
		_ = m.Respond(data)
	}()
}

// answer runs one query. A panic becomes the reply's error.
func (s *Shard) answer(data []byte) (rep reply) {
	defer func() {
		if r := recover(); r != nil {
			rep = reply{Applied: s.Applied(), Error: &wireError{Code: codeInternal, Message: fmt.Sprintf("internal error: %v", r)}}
		}
	}()
	var req request
	err := decode(data, &req)
	if err == nil {
		err = s.run(&req, &rep)
	}
	rep.Applied = s.Applied()
	if err != nil {
		rep.Error = toWire(err)
	}
	return rep
}

func (s *Shard) run(req *request, rep *reply) error {
	ctx := s.ctx
	if req.MinSeq > 0 {
		wctx, cancel := context.WithTimeout(ctx, req.Wait)
		err := s.waitApplied(wctx, req.MinSeq)
		cancel()
		if err != nil {
			return err
		}
	}
	needID := func() (string, error) {
		if len(req.IDs) != 1 {
			return "", fmt.Errorf("%w: one candidate id expected", match.ErrOptions)
		}
		return req.IDs[0], nil
	}
	switch req.Op {
	case opRank, opPage, opExplain, opRoles, opGet, opCount:
		select {
		case s.work <- struct{}{}:
			defer func() { <-s.work }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	switch req.Op {
	case opRank:
		if req.Role == nil || req.Rank == nil {
			return fmt.Errorf("%w: rank without role or options", match.ErrOptions)
		}
		rr, err := s.rankKeys(ctx, *req.Role, *req.Rank, req.Now)
		rep.Ranking = rr
		return err
	case opPage:
		if req.Role == nil || len(req.IDs) == 0 {
			return fmt.Errorf("%w: page without role or ids", match.ErrOptions)
		}
		ranked, err := s.explainPage(ctx, *req.Role, req.IDs, req.Now)
		rep.Ranked = ranked
		return err
	case opExplain:
		id, err := needID()
		if err != nil || req.Role == nil {
			return fmt.Errorf("%w: explain wants one id and a role", match.ErrOptions)
		}
		s.clock.enter(req.Now)
		defer s.clock.leave()
		r, err := s.eng.Explain(ctx, id, *req.Role)
		rep.Result = &r
		return err
	case opRoles:
		id, err := needID()
		if err != nil {
			return err
		}
		s.clock.enter(req.Now)
		defer s.clock.leave()
		rep.Results, err = s.eng.RolesFor(ctx, id, req.Roles)
		return err
	case opGet:
		id, err := needID()
		if err != nil {
			return err
		}
		c, err := s.eng.Get(ctx, id)
		rep.Candidate = &c
		return err
	case opCount:
		n, err := s.eng.Count(ctx)
		rep.Count = n
		return err
	}
	return fmt.Errorf("%w: unknown operation %q", match.ErrOptions, req.Op)
}

// rankKeys is a shard's first phase of a cluster rank: its exact top
// Offset+Top as ranking keys, with its counts and facets, scored at the
// coordinator's instant. No record is loaded or explained.
func (s *Shard) rankKeys(ctx context.Context, role scoring.Role, opts match.RankOptions, now time.Time) (*rankReply, error) {
	if opts.Top < 0 || opts.Offset < 0 {
		return nil, fmt.Errorf("%w: negative top or offset", match.ErrOptions)
	}
	if !opts.Now.IsZero() {
		now = opts.Now
	}
	plan, err := s.eng.Scorer().CompileAt(role, now)
	if err != nil {
		return nil, err
	}
	page, err := s.eng.Index().Rank(ctx, plan, index.RankRequest{
		Offset: opts.Offset, Limit: opts.Top, IncludeIneligible: opts.IncludeIneligible,
		IneligibleOnly: opts.IneligibleOnly, Text: opts.Query, Filters: opts.Filters, Facets: opts.Facets,
		KeysOnly: true,
	})
	if err != nil {
		return nil, err
	}
	return &rankReply{Hits: page.Keys, Eligible: page.Eligible, Total: page.Total, Facets: page.Facets,
		Replica: s.cfg.replicaSubject(s.cfg.Shard, s.cfg.Replica)}, nil
}

// explainPage is a shard's second phase: the explained results of the
// merged page's candidates it owns, in the order asked, scored at the
// coordinator's instant. A candidate no longer stored is ErrUnknownCandidate
// (a delete landed between the phases).
func (s *Shard) explainPage(ctx context.Context, role scoring.Role, ids []string, now time.Time) ([]match.Ranked, error) {
	plan, err := s.eng.Scorer().CompileAt(role, now)
	if err != nil {
		return nil, err
	}
	out := make([]match.Ranked, len(ids))
	workers := min(runtime.GOMAXPROCS(0), (len(ids)+3)/4)
	var g errgroup.Group
	for w := range workers {
		g.Go(safe.Guard(func() error {
			for i := w; i < len(ids); i += workers {
				c, err := s.eng.Get(ctx, ids[i])
				if err != nil {
					return err
				}
				out[i] = match.Ranked{Result: plan.Score(c)}
			}
			return nil
		}))
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	s.explained.Add(int64(len(ids)))
	return out, nil
}

// Close leaves the queue group, waits for the queries being answered,
// and closes the engine (and the connection the shard opened).
func (s *Shard) Close() error {
	s.mu.Lock()
	subs := s.subs
	s.mu.Unlock()
	for _, sub := range subs {
		_ = sub.Unsubscribe()
	}
	s.cancel()
	s.handlers.Wait()
	if s.ownConn && s.nc != nil {
		s.nc.Close()
	}
	if s.eng == nil {
		return nil
	}
	return s.eng.Close()
}

// clock is a replica's scoring clock. The Engine reads the instant to
// score at when a call compiles its role; queries carrying the same
// instant run together, and a query with another instant waits until they
// are done, so every query scores at the instant the coordinator sent.
type clock struct {
	mu    sync.Mutex
	cond  *sync.Cond
	now   time.Time
	users int
}

func (c *clock) enter(t time.Time) {
	c.mu.Lock()
	for c.users > 0 && !c.now.Equal(t) {
		c.cond.Wait()
	}
	c.now = t
	c.users++
	c.mu.Unlock()
}

func (c *clock) leave() {
	c.mu.Lock()
	c.users--
	if c.users == 0 {
		c.cond.Broadcast()
	}
	c.mu.Unlock()
}

// Now is the Engine's clock: the instant of the queries running now.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}
