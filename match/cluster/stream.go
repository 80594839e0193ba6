package cluster

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// streamWait bounds how long ensureStream waits for JetStream to accept
// the stream.
const streamWait = 30 * time.Second

// connect dials url for a node of the cluster. The connection reconnects
// forever: a shard or coordinator outlives a restart of its NATS server.
func connect(url, name string) (*nats.Conn, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("cluster: connect to NATS: %w", err)
	}
	return nc, nil
}

// ensureStream creates the cluster's stream, or finds it when it exists.
// The stream is compacted by candidate: each candidate's writes have
// their own subject and the stream keeps only the last message of each
// (MaxMsgsPerSubject 1; a delete is kept as the candidate's last write),
// with no age or size limit. A shard that lost its index rebuilds from
// the first message and applies each candidate's current state once, not
// its history; one that resumes after a sequence still sees the last
// write of every candidate written since, so it ends in the same state.
// A stream of that name made with other subjects is refused. A JetStream
// cluster that is still electing its leader is waited for, up to
// streamWait.
func ensureStream(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	sc := jetstream.StreamConfig{
		Name:              cfg.Stream,
		Description:       "certmatch candidate writes, one subject per candidate, the last write of each kept",
		Subjects:          []string{cfg.streamSubjects()},
		Storage:           jetstream.FileStorage,
		Replicas:          cfg.Replicas,
		Retention:         jetstream.LimitsPolicy,
		MaxMsgsPerSubject: 1,
		Duplicates:        2 * time.Minute,
	}
	ctx, cancel := context.WithTimeout(ctx, streamWait)
	defer cancel()
	for {
		st, err := js.CreateStream(ctx, sc)
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			st, err = js.Stream(ctx, cfg.Stream)
			if err == nil {
				if got := st.CachedInfo().Config; !slices.Equal(got.Subjects, sc.Subjects) || got.MaxMsgsPerSubject != 1 {
					return nil, fmt.Errorf("%w: stream %s holds subjects %v (%d messages per subject), not this cluster's %v (1 per candidate)",
						ErrConfig, cfg.Stream, got.Subjects, got.MaxMsgsPerSubject, sc.Subjects)
				}
			}
		}
		if err == nil {
			return st, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("cluster: stream %s: %w", cfg.Stream, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
