// Package cluster runs certmatch past one machine: candidates are split
// into shards fed by a NATS JetStream stream, each shard is an
// [match.Engine] with one or more replicas, and a [Coordinator] with the
// Engine's read API ranks across them exactly.
//
// # Writes
//
// [Coordinator.Add] and [Coordinator.Delete] publish one JSON message per
// candidate to the candidate's own subject under the shard that owns it,
// certmatch.<stream>.shard.<n>.<id in base64url>, and return once the
// stream has stored them, with a [Token]: the stream sequence of the last
// write to each shard. A candidate's shard is [ShardOf] its partition key
// (the id, or what [Config.Partition] returns for it, a tenant say): the
// 64-bit FNV-1a hash of the key modulo the number of shards, the same in
// every process. The stream, replicated by JetStream (Raft) over
// [Config.Replicas] servers, is the cluster's source of truth, compacted
// by candidate: it keeps each candidate's last write only
// (MaxMsgsPerSubject 1; a delete stays as the candidate's last write), so
// it holds one message per candidate ever written, whatever the number of
// rewrites.
//
// # Shards
//
// A replica ([OpenShard], [Shard.Run], or [RunShard] for a command)
// consumes its shard's subject through a durable consumer and applies the
// writes in stream order, in batches (a run of upserts is one Engine.Add,
// a run of deletes one Engine.Delete). After a batch is in the index (an
// on-disk index's batch is synced when Add returns) the replica records
// the batch's last sequence in Dir/applied (written to a temporary file,
// synced and renamed), and only then acknowledges the stream. On restart
// it resumes after the recorded sequence; a crash between the index and
// the record re-applies writes the index already has, which changes
// nothing, since an upsert or a delete applied twice in order is applied
// once. A replica whose record or index is missing rebuilds from the
// stream's first message, applying each candidate's current state once;
// one that resumes after a sequence sees the last write of every
// candidate written since, so compaction never hides a write from it. A
// delivery gap makes it start its consumer again from the record, so
// writes are never applied out of order.
//
// A replica joins its shard's queue group (certmatch.<stream>.query.<n>)
// once it has caught up, so a query reaches one live, current replica.
//
// # Reads
//
// [Coordinator.Rank] runs in two phases. First it asks one replica of
// every shard for its exact top Offset+Top with the same role, options and
// clock (the coordinator's instant, so currency and recency are judged at
// one time); a replica answers with the ranking keys of its list
// ([scoring.Order]: eligibility, distance from eligible, score, id), its
// counts and facets, and loads and explains no record. The coordinator
// merges the keys by [scoring.Order.Compare], the Engine's one rule, keeps
// the page, sums the eligible and total counts and the facets, and then
// asks only the shards owning candidates of the page to explain them: one
// request per such shard, in parallel, to the replica that ranked them (or,
// if it died meanwhile, any replica that has applied as much). So a page of
// 20 costs 20 explanations, however deep it is and however many shards
// there are. Since each shard's list is exact and the order is total, the
// page is the one a single Engine over every candidate returns.
//
// A write can land on a shard between the two phases. Each explanation is
// checked against the key it was ranked by; when a candidate of the page
// was rewritten to another key or deleted meanwhile, Rank runs both
// phases again (up to five times, then fails with [ErrPageChanged]). A
// returned page is therefore always one that the shards' rankings gave,
// explained as ranked; a rewrite that leaves a candidate's key unchanged
// (a new phone number, say) shows in its explanation at once.
//
// [Coordinator.Explain], [Coordinator.Get] and [Coordinator.RolesFor] go
// to the owning shard; [Coordinator.Count] sums.
// Queries and replies travel in gob, so every field of a result (JSON
// output leaves some out) comes back as the shard's Engine returned it.
//
// A read given a token ([ReadOptions.After], [Coordinator.RankWith]) is
// answered by a replica only once it has applied its shard's sequence
// (read-your-writes); without one, a replica answers from what it has. A
// coordinator opened with [Options.ReadYourWrites] gives every read the
// token of all its own writes, so a process serving a cluster answers like
// one serving an Engine.
// A query not answered within [Options.AttemptTimeout] is sent again, at
// most twice, to any live replica of the shard, and the first answer wins,
// until [Options.Timeout]; then the read fails with a [*ShardError]
// wrapping [ErrShardUnavailable], or with [ReadOptions.AllowPartial]
// returns what the other shards gave and names the missing shards in
// [Ranking.Missing].
//
// # Limits
//
// Both phases of a rank compile the role at the query's instant; a
// replica serialises Explain and RolesFor queries that carry different
// clocks (the Engine reads its clock when such a call compiles its role),
// while queries at one instant run together. A shard's keys travel in one NATS message, so Offset+Top
// is bounded by the servers' max_payload (about 15,000 with the default
// 1 MB); past it Rank fails with [match.ErrOptions]. The number of shards
// is fixed for the life of a stream. A deleted candidate's last write (the
// delete) stays in the stream. Catalogs and weights are not checked across
// nodes: every node must be given the same.
//
// Example:
//
//	// on each shard machine: certmatch shard --nats URL --shard 0/4 --index DIR
//	c, err := cluster.Open(ctx, cluster.Options{URL: url, Config: cluster.Config{Shards: 4}})
//	if err != nil { ... }
//	defer c.Close()
//	rep, err := c.Add(ctx, candidates...)
//	ranking, err := c.RankWith(ctx, role, match.RankOptions{Top: 20}, cluster.ReadOptions{After: rep.Token})
package cluster
