package cluster

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// DefaultStream is the stream name when Config.Stream is "".
const DefaultStream = "certmatch"

// Config is what every node of one cluster agrees on: the stream that holds
// the writes, the number of shards and how a candidate id picks its shard.
// The coordinator and every shard process must be given the same Config.
type Config struct {
	// Stream names the JetStream stream and the subjects of the cluster:
	// writes go to certmatch.<Stream>.shard.<n>.<candidate>, queries to
	// certmatch.<Stream>.query.<n>. "" means DefaultStream. Letters,
	// digits, '-' and '_' only.
	Stream string
	// Shards is the number of shards, at least 1. It is fixed for the
	// life of a stream: changing it moves candidates to other shards.
	Shards int
	// Partition returns the partition key of a candidate id; nil means
	// the id itself. A caller partitioning by customer returns the tenant
	// part of the id, so one customer's candidates live on one shard.
	// It must be a pure function of the id, the same in every process.
	Partition func(id string) string
	// Replicas is the number of NATS servers that hold a copy of the
	// stream (JetStream's own replication); 0 means 1. It is used when the
	// stream is created.
	Replicas int
}

// ErrConfig is wrapped by errors about a bad Config or shard setting.
var ErrConfig = errors.New("cluster: bad configuration")

func (c Config) withDefaults() (Config, error) {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if !validName(c.Stream) {
		return c, fmt.Errorf("%w: stream name %q: only letters, digits, '-' and '_'", ErrConfig, c.Stream)
	}
	if c.Shards < 1 {
		return c, fmt.Errorf("%w: shards must be at least 1, got %d", ErrConfig, c.Shards)
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	if c.Replicas < 0 {
		return c, fmt.Errorf("%w: negative stream replicas", ErrConfig)
	}
	return c, nil
}

// ShardOf returns the shard that owns a candidate id under c.
func (c Config) ShardOf(id string) int {
	key := id
	if c.Partition != nil {
		key = c.Partition(id)
	}
	return ShardOf(key, c.Shards)
}

// writeSubject is the subject of the writes of candidate id, owned by
// shard n: certmatch.<Stream>.shard.<n>.<id in unpadded base64url>. One
// subject per candidate lets the stream keep only a candidate's last
// write; base64url keeps every id a single subject token, reversibly, so
// two ids never share a subject.
func (c Config) writeSubject(n int, id string) string {
	return c.shardPrefix(n) + base64.RawURLEncoding.EncodeToString([]byte(id))
}

func (c Config) shardPrefix(n int) string {
	return "certmatch." + c.Stream + ".shard." + strconv.Itoa(n) + "."
}

// shardSubjects is the wildcard of every write subject of shard n.
func (c Config) shardSubjects(n int) string { return c.shardPrefix(n) + "*" }

// streamSubjects is the wildcard of every write subject of the cluster.
func (c Config) streamSubjects() string {
	return "certmatch." + c.Stream + ".shard.*.*"
}

// querySubject is the subject the replicas of shard n answer queries on,
// as one queue group.
func (c Config) querySubject(n int) string {
	return "certmatch." + c.Stream + ".query." + strconv.Itoa(n)
}

// replicaSubject is the subject of one replica of shard n, for the
// second phase of a rank.
func (c Config) replicaSubject(n int, replica string) string {
	return "certmatch." + c.Stream + ".replica." + strconv.Itoa(n) + "." + replica
}

// FNV-1a, 64 bits: offset basis and prime.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// ShardOf returns the shard of a partition key among n shards (n >= 1):
// the 64-bit FNV-1a hash of the key's UTF-8 bytes, modulo n. It is stable
// across processes, machines and Go versions, so every writer and reader
// agrees on a candidate's shard; it is 0 when n < 1.
func ShardOf(key string, n int) int {
	if n < 1 {
		return 0
	}
	return int(fnv64(key) % uint64(n))
}

// fnv64 is the 64-bit FNV-1a hash of s.
func fnv64(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// ParseShard reads a shard setting written "N/M" (shard N of M, N counted
// from 0), as in `certmatch shard --shard 2/4`.
func ParseShard(s string) (n, m int, err error) {
	ns, ms, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, fmt.Errorf("%w: shard %q: want N/M, as in 0/4", ErrConfig, s)
	}
	n, err1 := strconv.Atoi(strings.TrimSpace(ns))
	m, err2 := strconv.Atoi(strings.TrimSpace(ms))
	if err1 != nil || err2 != nil || m < 1 || n < 0 || n >= m {
		return 0, 0, fmt.Errorf("%w: shard %q: want N/M with 0 <= N < M, as in 0/4", ErrConfig, s)
	}
	return n, m, nil
}
