package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/certmatch/certmatch/match/cluster"
)

// errUsage marks a usage error (exit code 2).
var errUsage = errors.New("usage")

const usage = `usage: server [--addr HOST:PORT] [--index DIR | --nats URL --shards M [--stream NAME]] [--roles DIR] [--tokens FILE] [--now YYYY-MM-DD]

Serves the certmatch HTTP API (/v1/..., described at /v1/openapi.json) and
the recruiters' page (/) over one engine: in memory unless --index names an
on-disk index. With --nats it serves a cluster instead, as its coordinator:
writes go to the cluster's stream, reads to its M shards (run by
"certmatch shard"); GET /v1/facets is then 501 (rank with "facets": true). Saved roles live in --roles (default DIR.roles beside the
index; in memory without --index). Listening beyond loopback needs
--tokens, a file of lines "TOKEN ro" or "TOKEN rw"; the tokens are then
required on every /v1 request.

flags:
`

// config is what the flags say.
type config struct {
	addr, index, roles, tokens, now string
	nats, stream                    string
	shards                          int
	limits                          limits
	readHeaderTimeout, readTimeout  time.Duration
	writeTimeout, idleTimeout       time.Duration
	shutdownTimeout                 time.Duration
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{limits: defaultLimits}
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address")
	fs.StringVar(&c.index, "index", "", "on-disk index folder (created when missing); none keeps candidates in memory")
	fs.StringVar(&c.nats, "nats", "", "serve the cluster behind this NATS server (URLs comma-separated) as its coordinator")
	fs.IntVar(&c.shards, "shards", 0, "the cluster's number of shards (with --nats)")
	fs.StringVar(&c.stream, "stream", "", "the cluster's stream (with --nats; default \"certmatch\")")
	fs.StringVar(&c.roles, "roles", "", "saved roles folder (default: the index folder's path + \".roles\")")
	fs.StringVar(&c.tokens, "tokens", "", "bearer tokens file, lines of \"TOKEN ro|rw\"")
	fs.StringVar(&c.now, "now", "", "score as of this date, YYYY-MM-DD (default today)")
	fs.Int64Var(&c.limits.MaxBody, "max-body", c.limits.MaxBody, "largest JSON request body, bytes")
	fs.Int64Var(&c.limits.MaxImport, "max-import", c.limits.MaxImport, "largest import body, bytes")
	fs.DurationVar(&c.limits.ImportTimeout, "import-timeout", c.limits.ImportTimeout, "longest an import may take")
	fs.DurationVar(&c.readHeaderTimeout, "read-header-timeout", 5*time.Second, "longest a client may take to send its headers")
	fs.DurationVar(&c.readTimeout, "read-timeout", 30*time.Second, "longest a client may take to send a request (imports: --import-timeout)")
	fs.DurationVar(&c.writeTimeout, "write-timeout", 60*time.Second, "longest a response may take")
	fs.DurationVar(&c.idleTimeout, "idle-timeout", 2*time.Minute, "longest an idle keep-alive connection stays open")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 2*time.Minute, "longest to wait for requests in flight at shutdown")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	switch {
	case c.nats != "" && c.index != "":
		return c, fmt.Errorf("%w: --nats serves a cluster, whose shards hold the index: drop --index", errUsage)
	case c.nats != "" && c.shards < 1:
		return c, fmt.Errorf("%w: --nats needs --shards M, the cluster's number of shards", errUsage)
	case c.nats == "" && (c.shards != 0 || c.stream != ""):
		return c, fmt.Errorf("%w: --shards and --stream go with --nats", errUsage)
	}
	if c.roles == "" && c.index != "" {
		c.roles = filepath.Clean(c.index) + ".roles"
	}
	return c, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr, nil)
	stop()
	os.Exit(code)
}

// run serves until ctx is done and returns the exit code. ready, when not
// nil, receives the address listened on.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err == nil {
		err = serve(ctx, cfg, slog.New(slog.NewJSONHandler(stderr, nil)), ready)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "server: %v\n", err)
		return 1
	}
}

// serve opens the engine and the roles, listens, and on ctx's end stops
// taking requests, lets those in flight (imports included) finish, and
// closes the engine.
func serve(ctx context.Context, cfg config, log *slog.Logger, ready chan<- string) error {
	var ts tokens
	if cfg.tokens != "" {
		var err error
		if ts, err = readTokensFile(cfg.tokens); err != nil {
			return fmt.Errorf("--tokens: %w", err)
		}
	} else if !isLoopback(cfg.addr) {
		return fmt.Errorf("%w: --addr %s listens beyond loopback: give --tokens FILE", errUsage, cfg.addr)
	}
	now, err := clock(cfg.now)
	if err != nil {
		return err
	}
	var b *backend
	if cfg.nats != "" {
		b, err = openClusterBackend(ctx, cfg.nats, cluster.Config{Stream: cfg.stream, Shards: cfg.shards}, now)
	} else {
		b, err = openBackend(ctx, cfg.index, now)
	}
	if err != nil {
		return err
	}
	defer b.eng.Close()
	roles, err := openRoles(cfg.roles, b.cat)
	if err != nil {
		return err
	}
	s := newServer(b, roles, ts, log, cfg.limits)
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		ReadTimeout:       cfg.readTimeout,
		WriteTimeout:      cfg.writeTimeout,
		IdleTimeout:       cfg.idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "index", cfg.index != "", "cluster", cfg.nats != "", "auth", ts != nil)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func clock(s string) (func() time.Time, error) {
	if s == "" {
		return time.Now, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, fmt.Errorf("%w: --now: %v", errUsage, err)
	}
	return func() time.Time { return t }, nil
}
