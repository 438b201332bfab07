namespace Ledger.Benchmarks.Harness;

/// <summary>
/// The one large database M5, M6 and M7 share, seeded once per run: a stream of each M5 length (the
/// longest is M6's time-travel account) plus many ordinary accounts, about M7's total in all.
/// </summary>
public sealed class BigLedger
{
    private BigLedger(TestDatabase database, SeedResult seed, IReadOnlyList<string> streams, IReadOnlyList<string> ledgerAccounts)
    {
        Database = database;
        Seed = seed;
        StreamAccounts = streams;
        LedgerAccounts = ledgerAccounts;
    }

    /// <summary>The database, owned by the run (hand ledgers <see cref="TestDatabase.Borrow"/>).</summary>
    public TestDatabase Database { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string DatabasePath => ((SqliteTestDatabase)Database).Path;

    /// <summary>The Npgsql connection string (PostgreSQL only).</summary>
    public string ConnectionString => ((PostgresTestDatabase)Database).ConnectionString;

    public SeedResult Seed { get; }

    /// <summary>One account per M5 stream length, in the order of <see cref="Sizes.M5StreamLengths"/>.</summary>
    public IReadOnlyList<string> StreamAccounts { get; }

    public IReadOnlyList<string> LedgerAccounts { get; }

    public string TimeTravelAccount => StreamAccounts[^1];

    public int EventsPerLedgerAccount { get; private init; }

    public bool ProjectionsBuilt { get; set; }

    /// <summary>A ledger on the big database (borrowed, so it stays when the ledger is disposed), durable as production.</summary>
    public Task<TestLedger> StartLedgerAsync() => TestLedger.StartAsync(o => o.Synchronous = "FULL", Database.Borrow());

    public static string StreamAccount(int length) => $"S-{length}";

    public static async Task<BigLedger> GetAsync(RunContext context, BenchEngine engine)
    {
        if (context.Big.TryGetValue(engine.Name, out var existing))
        {
            return existing;
        }

        var sizes = context.Sizes;
        var streams = sizes.M5StreamLengths.Select(StreamAccount).ToArray();
        var streamEvents = sizes.M5StreamLengths.Sum();
        var perAccount = (int)Math.Ceiling((sizes.M7TotalEvents - streamEvents) / (double)sizes.M6LedgerAccounts);
        var ledgerAccounts = Enumerable.Range(1, sizes.M6LedgerAccounts).Select(i => $"L-{i:D5}").ToArray();
        var plan = sizes.M5StreamLengths.Select(n => new SeedAccount(StreamAccount(n), n))
            .Concat(ledgerAccounts.Select(id => new SeedAccount(id, perAccount)))
            .ToArray();

        RunContext.Progress($"Seeding {plan.Sum(a => (long)a.Events):N0} events into {plan.Length:N0} accounts ({engine.Name})...");
        TestDatabase database;
        SeedResult seed;
        if (engine.IsPostgres)
        {
            var created = await PostgresServer.CreateDatabaseAsync("bench_big");
            context.Owned.Add(created);
            await using (await TestLedger.StartAsync(database: created.Borrow()))
            {
                // Migrated: Ledger's schema, triggers and all.
            }

            seed = await RawPostgres.SeedAsync(created.ConnectionString, plan);
            database = created;
        }
        else
        {
            var path = context.DatabasePath("big");
            await RawSqlite.CreateSchemaAsync(path);
            seed = await Seeder.SeedAsync(path, plan);
            database = SqliteTestDatabase.At(path);
        }

        RunContext.Progress($"Seeded {seed.TotalEvents:N0} events in {seed.Duration.TotalSeconds:N1} s ({seed.TotalEvents / seed.Duration.TotalSeconds:N0} events/s)");
        var big = new BigLedger(database, seed, streams, ledgerAccounts) { EventsPerLedgerAccount = perAccount };
        context.Big[engine.Name] = big;
        return big;
    }

    /// <summary>Builds the read model (M6 reads it) unless M7 already has.</summary>
    public async Task EnsureProjectionsAsync()
    {
        if (ProjectionsBuilt)
        {
            return;
        }

        await using var ledger = await TestLedger.StartAsync(o => o.Synchronous = "FULL", Database.Borrow());
        await ledger.Mediator.Send(new RebuildProjectionsCommand());
        ProjectionsBuilt = true;
    }
}
