using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Benchmarks.Marten;

/// <summary>The deposit of the side-by-side, as Marten stores it.</summary>
public sealed record Deposited(decimal Amount);

public sealed record Opened(decimal Initial);

/// <summary>The balance, projected inline by Marten in the append's transaction (a single-stream snapshot).</summary>
public sealed class Balance
{
    public Guid Id { get; set; }

    public decimal Amount { get; set; }

    public static Balance Create(Opened opened) => new() { Amount = opened.Initial };

    public void Apply(Deposited deposited) => Amount += deposited.Amount;
}

/// <summary>
/// Marten 9 configured for speed as its documentation recommends for an event store: Quick append mode
/// (positions assigned by a sequence in the append itself, no extra round trip for the stream's version),
/// the identity map for aggregates (FetchForWriting hands the inline projection the document it loaded
/// instead of loading it again), lightweight sessions (no dirty tracking), Npgsql logging off, and the
/// schema created once up front, never checked per session.
/// </summary>
public sealed class MartenBank : IAsyncDisposable
{
    private MartenBank(DocumentStore store) => Store = store;

    public DocumentStore Store { get; }

    public static async Task<MartenBank> StartAsync(string connectionString)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.Events.AppendMode = EventAppendMode.Quick;
            options.Events.UseIdentityMapForAggregates = true;
            options.Projections.Snapshot<Balance>(SnapshotLifecycle.Inline);
            options.DisableNpgsqlLogging = true;
            options.AutoCreateSchemaObjects = AutoCreate.None;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        return new MartenBank(store);
    }

    public async Task OpenAsync(Guid id)
    {
        await using var session = Store.LightweightSession();
        session.Events.StartStream<Balance>(id, new Opened(0m));
        await session.SaveChangesAsync();
    }

    /// <summary>
    /// The same work as a Ledger deposit command: load the account for writing (its projected balance and
    /// its version), append one event expecting that version, project the balance inline, commit.
    /// </summary>
    public async Task DepositAsync(Guid id, decimal amount)
    {
        await using var session = Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Balance>(id);
        if (stream.Aggregate is null)
        {
            throw new InvalidOperationException($"Stream {id} does not exist.");
        }

        stream.AppendOne(new Deposited(amount));
        await session.SaveChangesAsync();
    }

    /// <summary>Appends <paramref name="count"/> deposits to a new stream in batches (seeding, not measured).</summary>
    public async Task SeedAsync(Guid id, int count)
    {
        await OpenAsync(id);
        for (var done = 0; done < count - 1;)
        {
            var batch = Math.Min(1_000, count - 1 - done);
            await using var session = Store.LightweightSession();
            session.Events.Append(id, Enumerable.Range(0, batch).Select(_ => (object)new Deposited(1.25m)).ToArray());
            await session.SaveChangesAsync();
            done += batch;
        }
    }

    /// <summary>A live aggregation of the whole stream: every event read and applied, no snapshot.</summary>
    public async Task<Balance?> AggregateAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        return await session.Events.AggregateStreamAsync<Balance>(id);
    }

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        return ValueTask.CompletedTask;
    }
}
