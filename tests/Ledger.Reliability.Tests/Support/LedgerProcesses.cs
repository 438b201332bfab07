using System.Collections;
using Ledger.Infrastructure;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Ledgers playing processes on one database, each with its own write gate and caches and a store that
/// counts what it appends (<see cref="CountingEventStore"/>): their writes really race, and only the
/// database decides between them.
/// </summary>
public sealed class LedgerProcesses : IReadOnlyList<TestLedger>, IAsyncDisposable
{
    private readonly List<TestLedger> ledgers = [];

    private LedgerProcesses()
    {
    }

    public int Count => ledgers.Count;

    public TestLedger this[int index] => ledgers[index];

    /// <summary>Starts <paramref name="count"/> processes, each with <paramref name="configure"/> on top of the test host's options; the first makes the database, the others borrow it.</summary>
    public static async Task<LedgerProcesses> StartAsync(int count, Action<LedgerOptions>? configure = null)
    {
        var processes = new LedgerProcesses();
        try
        {
            processes.ledgers.Add(await TestLedger.StartAsync(configure, services: CountingEventStore.Install));
            while (processes.Count < count)
            {
                processes.ledgers.Add(await TestLedger.StartAsync(configure, processes[0].Database.Borrow(), services: CountingEventStore.Install));
            }

            return processes;
        }
        catch
        {
            await processes.DisposeAsync();
            throw;
        }
    }

    public IEnumerator<TestLedger> GetEnumerator() => ledgers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The borrowers first, then the first process, which removes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = ledgers.Count - 1; i >= 0; i--)
        {
            await ledgers[i].DisposeAsync();
        }
    }
}
