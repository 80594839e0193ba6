package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/certmatch/certmatch/match/cluster"
)

func setupShard(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
	natsURL := fs.String("nats", "nats://127.0.0.1:4222", "NATS server `URL`(s), comma-separated")
	spec := fs.String("shard", "", "the shard this replica serves, `N/M` (N counted from 0)")
	dir := fs.String("index", "", "`folder` of the replica's index and applied sequence")
	stream := fs.String("stream", cluster.DefaultStream, "the cluster's JetStream stream `name`")
	replica := fs.String("replica", "", "replica `name`, stable across restarts (default: derived from --index)")
	return func(ctx context.Context, args []string) error {
		if len(args) > 0 || *spec == "" || *dir == "" {
			return fmt.Errorf("%w: shard needs --shard N/M and --index DIR, and no FILE", errUsage)
		}
		n, m, err := cluster.ParseShard(*spec)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		return cluster.RunShard(ctx, cluster.ShardConfig{
			Config: cluster.Config{Stream: *stream, Shards: m},
			URL:    *natsURL, Shard: n, Dir: *dir, Replica: *replica,
			Logf: func(format string, args ...any) { fmt.Fprintf(e.stderr, "certmatch shard: "+format+"\n", args...) },
		})
	}
}
