namespace Ledger.Benchmarks.Harness;

/// <summary>
/// What limits each figure, as found by measuring and profiling (dotnet-trace, sampled thread time).
/// Kept with the code that measures it and written into docs/benchmarks.md by every full run; update
/// it when a change moves the figures.
/// </summary>
public static class Readings
{
    public static string M1(Latencies ledger, Latencies raw) =>
        $"The baseline is one small INSERT and one fsync per transaction (raw p50 {Format.Ms(raw.P50)}). A command "
        + $"(p50 {Format.Ms(ledger.P50)}) is: a version check of its account (one indexed read; the account's last folded "
        + "state is kept in memory and used while the stream is still at its version, otherwise the snapshot and the tail after "
        + "it are read), the decision, one write transaction on the event store's own open connection with prepared statements "
        + "(the event row and the processed_commands row) ending in the one fsync, then one projection transaction for both read "
        + "models on the runner's own connection (synchronous=NORMAL) and, every 100th command, a snapshot UPSERT without fsync. "
        + "Timed hop by hop (a Stopwatch around each, about 5,500 commands, p50 in µs, 2026-11-30): the append's BEGIN 10, its two "
        + "inserts 49, its COMMIT with the fsync 164 (the baseline's whole transaction: 113); the projection's BEGIN 12, its four "
        + "statements 73, its COMMIT without fsync 41; the rest (mediator, pipeline, hashing, the group-commit hand-off) about "
        + "45, of 394 in all. So it is not the fsync itself: a probe with Python's sqlite3 on this disk (WAL) timed one insert "
        + "into an events-shaped table at 117 µs with synchronous=FULL and 45 µs with OFF, and the same plus ten more B-tree "
        + "pages at 207 and 138 µs: each page a statement touches costs about 8-9 µs of CPU and write() whether or not it is "
        + "flushed, and a command touches about 18 (the event row, its four indexes and the AUTOINCREMENT counter as the "
        + "baseline does; the processed_commands row, its key and its natural-key index; both read models, the ledger's four "
        + "indexes, the balance's two changed keys and the checkpoints). The ratio moves with the disk: on 11-26 a raw fsync "
        + "took 235 µs and M1 read 0.52×; on 11-30 it takes 105-125 µs and the same code reads 0.35×. Issue 12 asked that its "
        + "restructuring leave M1 within noise: the commit before it (885142e), the restructuring (43b105b) and main were run "
        + "alternately on 11-30 (three to nine runs each, load 4-7, the others reniced): median M1 ratio 0.35×, 0.345× and "
        + "0.31×; median p50 latency 3.24×, 3.3× and 3.53× the baseline's. The restructuring is within noise; what main adds "
        + "since (about 9% at p50) came with later features that write more per command: group commit's hand-off, recorded_at, "
        + "the inspection indexes on account_ledger (amount, reference, recorded_at) and the natural-key index. "
        + "The median of fifteen alternating reps is reported. Tried and not kept: "
        + "wal_autocheckpoint=0 with checkpoints left to later (the WAL grows and every read slows: 0.28×) and 4000 (no change "
        + "outside the noise). Found here and fixed: the write path ran six statements in three transactions, half of them "
        + "through EF Core, with two projection transactions that each opened, configured and prepared a connection (645 → "
        + "about 1,900 commands/s, p50 1.45 → 0.5 ms); and earlier, snapshots that never advanced past version 100 (see the "
        + "product changes below). M1 fails if a snapshot falls 100 behind.";

    public static string M1Postgres(Latencies ledger, Latencies raw) =>
        $"The baseline is two round trips and one WAL flush per transaction (BEGIN with the INSERT, then COMMIT; raw p50 {Format.Ms(raw.P50)}). "
        + $"A command (p50 {Format.Ms(ledger.P50)}) is answered after one round trip and one flush, counted with log_statement=all: "
        + "no read first (the account's last state is cached and the append's expected version checks it), then the append as "
        + "one round trip without a BEGIN, which the server runs as one implicit transaction (the append advisory lock, the event "
        + "insert, the processed_commands insert, the commit and its flush). Its projection follows in a second round trip, "
        + "committed without waiting for the flush (synchronous_commit=off: both checkpoint rows locked, the balance update, the "
        + "ledger insert, both checkpoint moves and their guard statements; every 100th command a snapshot upsert), queued in "
        + "commit order (Writing/DeliveryQueue) and run beside the next commands' appends. While nothing reads, a delivery "
        + "lingers up to 2 ms (or 64 events) for more commits to join it, so this lone client's commands share deliveries; a "
        + "read on this instance sends what is queued at once and waits for it (Projections/ReadFence), so a read after the "
        + "answer still reflects the command. Every statement is auto-prepared by Npgsql. What separates a command from the "
        + "baseline is CPU, on two cores shared with the server and other tenants. Profiled with perf on 11-30: a third to two "
        + "fifths of this process's samples were idle thread-pool workers spinning (LowLevelLifoSemaphore, sched_yield) on "
        + "cores the server needed; Ledger.Web and this host now set UnfairSemaphoreSpinLimit=0, which cut the process's "
        + "samples by a third in the same window, and in three paired runs M1-pg read 0.57-0.64× without the spin against "
        + "0.44-0.55× with it. Each command's own delivery cost about as much again: with deliveries switched off (an "
        + "experiment, not a product setting) M1-pg read 0.66-0.70×, with one delivery per command 0.42-0.62×, and with the "
        + "2 ms linger 0.50-0.65× (these three with the spin still on). History: until 11-30 the answer waited for the projection: 0.28-0.36× (p50 0.83-0.92 ms); "
        + "answered once durable, one delivery per command: 0.35× in a quiet full run (p50 0.52 ms against the baseline's 0.22). "
        + "Tried and not kept (11-30): one plpgsql function moving both "
        + "checkpoints with their guards (eight statements a delivery down to four): its UPDATEs cost what the upserts did, so "
        + "the same server time and no gain; a lower fillfactor on the checkpoint table (no change in pgbench). Found with "
        + "pg_stat_statements and fixed (11-30): the statement line's insert looked "
        + "up the line before it with version = @version - 1, and on a table not analyzed yet (every benchmark database, a "
        + "new ledger, a fresh copy) PostgreSQL's generic plan used (account_id, occurred_at, version) and walked every line "
        + "of the account, twice: 349 µs a call on a 6,000-line account, growing with its length; asked as a range the "
        + "primary key answers it, 58 µs. The command's p50 went from about 1.3-1.4 ms to 0.75-1.35 ms in the runs after.";

    public const string M2Postgres =
        "One transaction per batch, in three round trips whatever its size: BEGIN, the append lock and the head position "
        + "together; then every command's SAVEPOINT, inserts and RELEASE in one batch of statements; then COMMIT with one WAL "
        + "flush. Each command is still decided in order on the state the ones before it leave: its append is held back, not "
        + "sent, and gets its positions from the head (under the lock positions are the head's successors; the send checks "
        + "them). An append that fails when sent (a resend's command id, a version another process moved) is rolled back to "
        + "its savepoint alone, its command decided again and appended at once, and the commands after it decided again. Before "
        + "this a batch of N cost N + 2 round trips. The projection of a batch (one round trip) runs while the next batches "
        + "append, in commit order (batches that commit meanwhile share one delivery), and its callers are answered once the "
        + "commit is durable; reads wait for the projection (see M1-pg). What limits the ratios is the flush and the "
        + "per-command work of a batch (decisions, inserts, projection rows) on two cores shared with the server; with one "
        + "batch in flight, 16 closed-loop clients still settle at about 8 commands per commit: the clients of the batch being "
        + "committed cannot send their next command until it is answered (answering them before the next batch begins, "
        + "tried 12-01, gave 9 per commit and no gain). Found with perf and the server's statement log and fixed (12-01): the "
        + "statement line's insert was prepared by Npgsql with an account's opening, whose reference and counterparty are "
        + "NULL and went untyped; every deposit after it, its reference typed text, ran it unprepared, parsed and planned "
        + "anew: 0.8 ms of server time a line, a quarter of the server's CPU in planning. The read model fell behind the "
        + "appends, the delivery queue filled, and every client stalled together for the 100-150 ms a 512-event delivery "
        + "took: that was the p99. Nullable text parameters now go typed (SqlCommands.SetText). In the runs after: 3,500-4,050 "
        + "instead of 2,200-3,100 commands/s on distinct accounts, 3,400-4,350 instead of 1,900-2,500 on the hot one, p99 "
        + "9-16 ms instead of 100-150 ms. Since 12-01 (third session) the next leader waits up to 150 µs for the callers the "
        + "last batch answered (see M2): about 14.5 commands per commit instead of 8.6, and in three alternating pairs 7-18% "
        + "more commands/s on distinct accounts and 10-22% on the hot one, p99 about the same. The flush is not what bounds "
        + "the distinct row here either: with synchronous_commit=off (no flush waited for at all) 16 clients on distinct "
        + "accounts reached 4,200-5,400 commands/s in the hour that one client with the flush ran 880-1,300 (12-01, fourth "
        + "session, two alternating pairs), about 4-5x; the server and the app share the two cores, and each command's "
        + "statements and projection rows are the rest.";

    public const string M5Postgres =
        "The same fold as on SQLite, through Npgsql: the raw baseline is the same SELECT of a stream's columns with the same "
        + "deserialization through the same driver, so the ratio is the fold's own work (one immutable Account record per event) "
        + "and the snapshot lookup. Both sides are bound by the server's random page reads (a stream's events are scattered "
        + "through 1,001,000) and by the rows crossing the socket; whichever side runs second finds more of its pages in "
        + "PostgreSQL's shared buffers, which is why a run can show Ledger ahead of the baseline at one size (the sides "
        + "alternate, and the median is reported). With a snapshot a load is three short reads whatever the stream's length "
        + "(the stream's version, the latest snapshot, the at most 99 events after it), each a round trip: well under a "
        + "millisecond at the median, while the p95 of a few milliseconds is those round trips waiting for two cores shared "
        + "with the server and other work. The cache row is one round trip (the version) and no fold.";

    public const string M6Postgres =
        "The same queries as on SQLite against the same read model: the state at a version is one primary-key seek on "
        + "account_ledger and the state at a moment one seek on (account_id, occurred_at, version), a round trip each, far "
        + "under 5 ms at p95 whatever the account's length. The ledger-wide as-of walks account_balances and, for each "
        + "account, takes its last ledger row at or before the moment with a LATERAL subquery (one index seek per account). "
        + "Found here and fixed (fceacee): written as a correlated subquery, PostgreSQL's planner hashed the whole "
        + "account_ledger table instead (2.5 s for the SQL alone on this database; 0.12 s with LATERAL, EXPLAIN ANALYZE); "
        + "the comparison page's query, which had the same shape, went from 6.0 s to 0.74 s with scalar lookups. After the "
        + "fix, runs with the machine busy measured about 120 ms p50 and 220 ms p95, just over the 200 ms line; the figure "
        + "grows with the number of accounts, not of events, and like SQLite's moves most with the machine's load.";

    public const string M7Postgres =
        "On PostgreSQL the replay does not run the projections' statements per event: it folds both account projections in "
        + "memory (each account's last ledger version and balance, its balance row) and writes the shadow tables with binary "
        + "COPY, each chunk's account_ledger rows in the chunk's transaction (through a staging table, so recorded_at is joined "
        + "from the events in one statement) and every account_balances row once at the end. Per event that leaves reading the "
        + "row and its JSON, the fold, and a share of one COPY stream. Before this (two statements per event, sent 512 to a "
        + "batch) a quick run did about 400 events/s, 0.05× the raw insert: every event cost two parsed-and-planned statements "
        + "with a sub-select each, on a shared two-core machine where each round trip is a context switch. A live read model "
        + "more than one chunk behind (here: a database whose projections never ran) is no longer caught up event by event "
        + "before the comparison; the shadow replaces it. The raw insert baseline sends one INSERT per row in batches, so on "
        + "PostgreSQL the rebuild can beat it: the ratio says the rebuild is no longer the slow half, not that COPY is free. "
        + "The shadow tables are temporary tables (no WAL, no triggers: the NOTIFY and append-only triggers are on the live "
        + "tables only), held in temp_buffers (8 MB by default): at the full size their indexes spill to temporary files.";

    public const string M2 = """
        **How it works** (issue 15). A command that finds no commit in flight commits at once; the commands that queue
        meanwhile go into the next transaction together, each decided on the state the ones before it leave and under its
        own savepoint, and one fsync answers them all. One client therefore gets exactly the old path (a batch of one, no
        savepoint). A batch's callers are answered once its COMMIT is durable, before its projections; the projections of
        several batches go in one delivery when one is due (a read waits, 64 events, or the oldest waited 2 ms; see
        Writing/DeliveryQueue). After a batch of several, the next leader waits at most 150 µs for the callers just
        answered (Ledger:GroupCommitGatherMicroseconds, like PostgreSQL's commit_delay); one client never waits, since its
        own next command is the one waited for. A hot account costs no more than distinct ones: each command is decided on
        the state the previous one left, so nobody loses a race inside a process. Inside one process no client ever sees
        SQLITE_BUSY (every exception that reached a caller is counted in the row); across processes the unique
        (stream_id, stream_version) index and busy_timeout take over.

        **Why the distinct-accounts row misses 5× on this machine.** Group commit brings 16 clients to about one client's
        latency over the work per command that a batch cannot share. Measured 12-01 (fifth session), each mode alone in
        its own process on a quiet machine:
        - One client: 2,300-2,400 commands/s (p50 0.33 ms). 16 clients on distinct accounts: 5,500-6,800 (2.5-2.9×); on
          the hot one 7,700-9,500 (3.3-4.0×). An earlier full run's 4.4× came from an hour when one client ran 733.
        - Inside the one write turn, a distinct batch of about 13.5 commands spent 0.1 ms gathering, 0.5 ms deciding and
          appending, 0.85-1.0 ms in its COMMIT and 0.5-0.6 ms delivering (the hot one: 0.5-0.7 ms COMMIT, 0.3-0.4 ms
          delivering). That is about 150 µs per command. The process used 0.75 of the two cores: the one write turn, not
          the CPU, is the limit.
        - The COMMIT is mostly its fsync: 0.55-0.65 ms (perf trace, median) for a distinct batch's 37 WAL frames,
          against about 0.15 ms for one command's. On this disk an fsync costs about 150 µs plus 3 µs per KiB written (a
          plain file: 4 KiB 152 µs, 64 KiB 315 µs, 200 KiB 724 µs). Distinct accounts write 37 frames per commit where one
          hot account writes 15: each account's page of the stream index, and in the delivery its two pages of the
          statement-line indexes.
        - Profiled with perf, about 70% of the process's CPU is SQLite's own work and the kernel's (b-tree inserts into
          the events, command, statement-line and balance indexes; WAL frames and their checksums). A batch shares none
          of it.
        - The flush is not the bound. With no flush at all (Ledger:Synchronous=NORMAL, which a power cut may cost the
          last commits), 16 clients on distinct accounts reached 6,100-7,600 commands/s in the same hour that one client
          at FULL ran 1,300-1,560 (4.5-5.0×). When one client runs 2,500, 5× needs 12,500: twice what the turn's work per
          command allows.
        - Nor are the projections. With no delivery in the turn at all (a bench build: the most a read model in a file of
          its own, written on the other core, could give), 16 clients on distinct accounts ran 9,200-10,500 commands/s and
          one client 2,700-3,000: both about half again as fast, 3.4-3.5× in two alternating pairs. The COMMIT took
          0.6-0.7 ms instead of 0.9-1.2, since its fsync no longer wrote the projections' frames (they share the WAL).

        So 5× on distinct accounts needs the work per command inside the write turn (decision, statements, WAL frames)
        halved, or more cores.

        **What moved it** (12-01, alternating pairs):
        - Answering a batch's callers before its projections. Before, half the clients were always waiting for the batch
          in flight: 4,100-4,400 instead of 5,000-5,800 commands/s on distinct accounts, 5,200-6,300 instead of
          6,800-7,500 on the hot one. A batch of ~16 then spent about 1.0 ms deciding and appending, 0.6 ms committing and
          1.0-1.1 ms in its projections and snapshots; perf counted 15 pwrite and 8.5 pread calls per command.
        - Several batches' projections in one delivery (second session). One client's p50 went from about 0.6 ms to
          0.3-0.55 ms (+30-150% commands/s in three pairs on a noisy machine); 16 clients on distinct accounts were 15-48%
          faster, the hot account from 4% slower to 44% faster. The ratios fell because one client gained most: the
          row's baseline is the product's own one client. Batches fell from about 15 commands to 9: with no projection in
          most turns, fewer answered callers were back before the next leader took the queue.
        - The next leader's wait of at most 150 µs (third session): batches of about 14.5, 4-47% more commands/s on
          distinct accounts and 14-54% on the hot one in four pairs, p99 the same.
        - A committed batch was closed with a rollback the driver refused: an exception thrown and caught inside the write
          turn with every batch (fixed in the fifth session).

        **Tried and not kept:**
        - A delivery in a turn of its own on the appender's lock: 10-20% slower at 16 clients.
        - A leader that waited up to 1 ms for the answered callers: batches of 11, a third slower (the wait often ran to
          the timer).
        - Answering callers inline in the turn: batches of 16 again but no faster, one client half as fast, and a caller
          that blocks would stall the turn.
        - The projections on the append's own connection, so neither connection drops the other's page cache: pread
          calls fell from 456,000 to 35,000 a run; 6 pairs showed no difference beyond the noise.
        - A 64 MiB page cache with mmap on every connection: slower, one client most.
        - The WAL's fsync out of the COMMIT (the append connection at synchronous=NORMAL, the WAL flushed on a handle of
          its own beside the next batch, callers answered after it): batches fell from 14 to 9-10 commands, because the
          callers came back only after a flush the next leader no longer waited for. Both rows and one client were slower
          in five pairs.
        - 1 KiB and 2 KiB pages: 64 frames of 1 KiB per commit, fsync 0.54 ms; no difference beyond the noise in two
          rounds.
        - Checkpoints taken by a background connection (PASSIVE every 50 ms, auto-checkpoint off) instead of by whichever
          commit crosses 1,000 pages: 5-15% more on distinct accounts, one client 25-30% slower.
        - A longer delivery linger (10 ms or 256 events): no difference beyond the noise.

        **The harness.** It runs the server garbage collector, as Ledger.Web does (Sdk.Web's default). Under a console
        app's workstation GC, whose small gen0 budget collects often and pauses every client at once, the 16-client p99
        was 15-26 ms (8-12× one client's) against 6-14 ms (3-5×) in alternating runs; one client is about a tenth slower
        under server GC, and the rows are the product's. The warm-up runs every mode until a round compiles next to
        nothing: after one round the JIT still compiled ~2,000 methods (1.8 s of compile time) inside the timed reps,
        whose p99 pools every rep.
        """;

    public const string M10 =
        "One connection waits for each answer before sending the next deposit, so it pays a whole command (HTTP parsing, "
        + "the pipeline, the commit's flush, the projection delivery) per deposit and the server is idle between them. Sixty-four "
        + "connections keep the write queue full: each commit (one flush) answers the deposits that queued while the one before "
        + "it was being written, so throughput grows with the batch until the CPU (two cores, shared with the load generator "
        + "and other work) rather than the disk is the limit.";

    public const string M10Postgres =
        " On PostgreSQL a batch costs three round trips to the server whatever its size (see M2-pg) and its projection runs "
        + "while the next batch appends; the server's processes share the same two cores with the app and the load generator.";

    public const string M3 =
        "Mediator 3.0.2 is allocation-free on every path (0 B/op, as the target asks); MediatR 5.1.0 allocates on every send. "
        + "Through the generated concrete class, which the HTTP API injects, Send costs 1.7-2.1× the direct call across runs: "
        + "at the 2× line within this machine's noise, a few nanoseconds for looking up the handler wrapper and invoking the "
        + "pipeline delegate, all inside the library. Through IMediator, which the Blazor components inject, Send(ICommand<T>) "
        + "is a generic virtual method whose implementation then switches on the message type, about twice that; it runs once "
        + "per click, a millionth of a command (M1), so the components were left on the interface their tests substitute. "
        + "The three pass-through behaviours of Ledger's command pipeline cost another ten to fifteen nanoseconds and allocate "
        + "nothing. The direct call is not free either: BenchmarkDotNet awaits the returned ValueTask.";

    public const string M4 =
        "The store's append is the raw side's SQL on a connection it keeps open with the statements prepared, in one BEGIN "
        + "IMMEDIATE transaction; what it adds is its own bookkeeping (a mutex, the expected-version arithmetic, the event "
        + "records it hands back, the Guid as text), within the noise of the raw figure. EF Core's SaveChanges of the same "
        + "two rows, which is how the store appended until this was measured, costs several times the raw time (change "
        + "tracker, command building, the RETURNING read-back, opening a pooled connection through the pragma interceptor); "
        + "switching auto-savepoints or automatic change detection off changed nothing measurable. That is why the store "
        + "appends with prepared statements and EF Core keeps the schema (migrations) and the less frequent reads.";

    public const string M5 =
        "The streams are interleaved at random across the whole table, as real traffic is, so each event of a stream sits on "
        + "its own page: the raw baseline is itself bound by random page reads (through the OS cache) and by payload JSON. "
        + "The fold reads the same columns with a plain data reader and adds one immutable Account record per event (Evolve "
        + "returns a new record each time) and the snapshot lookup. Found here and fixed: the load read whole event rows "
        + "through EF Core and deserialized every event's metadata JSON, which a fold never looks at (0.34× → above 0.5× at "
        + "100k events). Found here and fixed next (12-01): at 1k and 10k events the load ran at 0.3-0.4× because it reads on a "
        + "pooled connection, whose 2 MiB page cache of its own did not keep the stream's pages from one load to the next "
        + "(the same query on a pooled connection took as long; on a kept connection, or twice on one open, as long as raw). "
        + "Short reads now have a read-only pool of their own that maps the file (PRAGMA mmap_size, Ledger:ReadMapMegabytes), "
        + "so they take the pages the OS caches in place: 1k events went from about 9 ms to about 2 ms, and the raw side, given "
        + "the same map, stays within 10% of it. Writing connections never map: with the map on them one client did about "
        + "40% fewer commands/s (M1, two alternating pairs). With a snapshot the load is one row plus at most 99 events whatever the stream's length, well under a "
        + "millisecond at the median; its p95 carries the machine's scheduling noise (2 cores shared with other work). These "
        + "rows time a process that has not seen the account yet; after that the write path keeps the account's last state "
        + "and only reads its version (the cache row), which is why a command's load is a few percent of it (M1).";

    public const string M6 =
        "Time travel never replays: account_ledger holds the balance after every event, so the state at a version is one "
        + "primary-key seek and the state at a moment is one seek on (account_id, occurred_at, version). Both stay far under "
        + "5 ms whatever the account's length; the gap between p50 and p99 is scheduling noise, not work. The ledger-wide "
        + "as-of is one such seek per account plus the row it points to, so it grows with the number of accounts, not of "
        + "events. Of its time, the SQL is roughly half (per account: the account_balances row, the index seek, the "
        + "account_ledger row by primary key), reading the 10k rows and mapping them to decimals and totals the rest; the "
        + "rows are read with a plain data reader since EF Core's SqlQuery, which materialized them, measured at about a "
        + "quarter of the time. It is the figure most sensitive to machine load: about 70-80 ms p50 and 105-120 ms "
        + "p95 on a quiet machine, 120-150 ms p50 and 220-280 ms p95 with the load average at 9-10, which is how an earlier "
        + "run missed the target. Tried and not kept: fetching the ledger row by rowid from the covering index (a third fewer "
        + "B-tree descents) made the SQL alone 25-30% faster in isolation but changed nothing measurable end to end. A "
        + "covering index that also holds the balance, status and currency would remove the row lookups, at the cost of a "
        + "migration and a larger index. Found and fixed (fceacee): the planner had turned the "
        + "per-account correlated subquery into a scan of all 1M ledger rows with a subquery each (9.6 s for the SQL alone, "
        + "5.7 s p50 end to end in the 11-30 full run); written as a CROSS JOIN it seeks once per account again (0.3 s in "
        + "sqlite3; 47 ms p50 and 153 ms p95 end to end in the runs after the fix).";

    public const string M7 =
        "Per event the rebuild runs two statements: an UPDATE of the account's account_balances row guarded by version, "
        + "and an INSERT into account_ledger whose balance comes from a correlated sub-select of the previous version; both "
        + "are B-tree seeks into tables far larger than SQLite's default 2 MB page cache, and events arrive in position "
        + "order, i.e. random order per account. On top come payload and metadata JSON per event and two async calls. The raw "
        + "insert baseline (the same rows, one statement each, no reads) is limited by the same random-order B-tree inserts "
        + "and page cache; the raw scan reads sequentially and is an order of magnitude faster, so the insert side is the "
        + "slower raw figure the target is taken against. At small sizes (the quick run), where everything fits in the page "
        + "cache, the raw insert is several times faster and the ratio falls to about 0.2×: then the rebuild's own work per "
        + "event dominates, above all rewriting the account's account_balances row and its three secondary indexes on every "
        + "event where the raw side writes each account's final row once. Folding balances in memory during a rebuild and "
        + "writing each row once, and a larger cache_size on the rebuild's own connection, are the next steps if rebuilds "
        + "must get faster; neither is a small change to how projections apply batches, so neither was made.";

    public const string M8 =
        "Resident memory hardly depends on the number of events: events stay in SQLite, projections are applied in chunks "
        + "of 2,000, and the managed heap after a full GC stays at a few MB. What a loaded process holds over an idle one is "
        + "mostly one-off: JIT-compiled code for every path, EF Core's model and compiled-query caches, pooled connections "
        + "each with their own SQLite page cache (up to 2 MB each), and server GC's per-core heaps that keep committed memory "
        + "after a burst. The per-100k figure is therefore taken as the slope between a 10k- and a 100k-event database, which "
        + "cancels the one-off part. The real app adds Kestrel, Blazor and MudBlazor on top of this host's figures.";

    public const string ProductChanges =
        "- **One kept-open append connection with prepared statements** (`EventStore/EventAppender.cs`): the append no longer "
        + "goes through EF Core's SaveChanges. M4: 3.67× → about 1× raw.\n"
        + "- **Cached account state** (`EventStore/AccountStateCache.cs`, `AccountLoader`): a command reads its account's "
        + "version (one indexed read) and reuses the state the previous command left when the version still matches, instead "
        + "of reading the snapshot and folding the tail every time.\n"
        + "- **No read-ahead replay check** (`Commands/CommandExecutor.cs`): the processed_commands primary key refuses a "
        + "second append of a command id, and a resend is answered from the stored outcome then.\n"
        + "- **One projection transaction per commit on a kept-open connection** (`Projections/ProjectionConnection.cs`, "
        + "`ProjectionRunner`): both read models in one transaction, statements prepared once. Delivery: about 300 → 30 µs.\n"
        + "- **Snapshots as one UPSERT without fsync** (`Snapshots/SnapshotStore.cs`): a snapshot is a cache that is safe "
        + "to lose. Together with the above, M1: 645 → about 1,900 commands/s, p50 1.45 → about 0.5 ms.\n"
        + "- **The HTTP API injects the generated mediator class** (`Ledger.Web/Api`), not IMediator (M3).\n"
        + "- **Ledger-wide as-of read with a plain data reader** (`Queries/TimeTravelQueries.cs`) instead of EF Core's SqlQuery (M6).\n"
        + "- **Snapshots advance** (`Snapshots/SnapshotStore.cs`): the context defaults to no-tracking, so the existing snapshot "
        + "row was loaded untracked, changed and never saved; every stream kept its first snapshot (version 100) and each command "
        + "replayed an ever longer tail, making the write path O(stream length). Fixed with `AsTracking()`, since replaced by the UPSERT above. M1: 71 → 170 commands/s, "
        + "p50 13.2 → 4.2 ms on a ~4,000-event account.\n"
        + "- **Loads read payloads only** (`EventStore/SqliteEventStore.cs`, `IEventStore.ReadStreamDataAsync`, `AccountLoader`): "
        + "the fold needs (type, schema version, data); the load no longer materializes whole event rows nor deserializes each "
        + "event's metadata JSON. M5 full replay: 0.34× → 0.51-0.63× of the raw read at 100k events, 0.46× → 0.64-0.95× at 10k.";
}
