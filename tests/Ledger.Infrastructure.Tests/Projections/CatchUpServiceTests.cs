using Microsoft.Extensions.Hosting;

namespace Ledger.Infrastructure.Tests.Projections;

public sealed class CatchUpServiceTests
{
    [Fact]
    public async Task AtStart_TheServiceAppliesEventsThatWereNeverPublished()
    {
        await using var ledger = await TestLedger.StartAsync(o => o.CatchUpIntervalMilliseconds = 50);
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 10m));
        await ledger.AppendUnpublishedAsync([new StreamAppend("BankAccount-A", ExpectedVersion.Exactly(1), [NewEvent.From(new MoneyDeposited("A", 5m, "r", "d", DateTimeOffset.UtcNow))])],
            new EventMetadata("c", "unpublished", "test"));
        var runner = ledger.Get<ProjectionRunner>();
        var caughtUp = new TaskCompletionSource();
        var moved = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        ledger.Get<ReadModelNotifier>().Changed += change =>
        {
            moved[change.Projection] = true;
            if (moved.Count == runner.Projections.Count)
            {
                caughtUp.TrySetResult();
            }
        };

        var service = ledger.Services.GetServices<IHostedService>().OfType<CatchUpService>().Single();
        await service.StartAsync(default);
        await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(default);

        foreach (var projection in runner.Projections)
        {
            Assert.Equal(0, await runner.LagAsync(projection, default));
        }

        await ReadModelAssert.EqualsReplayAsync(ledger);
    }
}
