using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ledger.Infrastructure.Tests.Diagnostics;

/// <summary>
/// Every command runs inside a <c>command {Type}</c> span on the "Ledger" source. The listener hears every
/// test running in this process, so each test finds its own span by the command id it chose.
/// </summary>
public sealed class CommandSpanTests : LedgerTestBase, IDisposable
{
    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener;

    public CommandSpanTests()
        : base(o => o.Synchronous = "OFF")
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LedgerTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    [Fact]
    public async Task HandledCommand_IsOneSpan_NamedForItsType_WithItsOutcome()
    {
        var id = NewId();

        await Ledger.Mediator.Send(new OpenAccountCommand("S-1", "h", "Sam", "EUR", 10m) { CommandId = id });

        var span = Assert.Single(SpansOf(id));
        Assert.Equal("command OpenAccountCommand", span.DisplayName);
        Assert.Equal("OpenAccountCommand", span.GetTagItem(LedgerTelemetry.CommandTypeTag));
        Assert.Equal("handled", span.GetTagItem(LedgerTelemetry.OutcomeTag));
        Assert.Null(span.GetTagItem(LedgerTelemetry.ErrorCodeTag));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task RefusedCommand_IsAnErrorSpan_CarryingTheStableCode()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("S-2", "h", "Sam", "EUR", 10m));
        var id = NewId();

        await Assert.ThrowsAsync<DomainException>(() => Ledger.Mediator.Send(new WithdrawMoneyCommand("S-2", 50m, "too much") { CommandId = id }).AsTask());

        var span = Assert.Single(SpansOf(id));
        Assert.Equal("command WithdrawMoneyCommand", span.DisplayName);
        Assert.Equal("rejected", span.GetTagItem(LedgerTelemetry.OutcomeTag));
        Assert.Equal(ErrorCodes.InsufficientFunds, span.GetTagItem(LedgerTelemetry.ErrorCodeTag));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(ErrorCodes.InsufficientFunds, span.StatusDescription);
    }

    [Fact]
    public async Task ResentCommand_IsMarkedReplayed()
    {
        await Ledger.Mediator.Send(new OpenAccountCommand("S-3", "h", "Sam", "EUR", 10m));
        var id = NewId();

        await Ledger.Mediator.Send(new DepositMoneyCommand("S-3", 5m, "once") { CommandId = id });
        await Ledger.Mediator.Send(new DepositMoneyCommand("S-3", 5m, "once") { CommandId = id });

        Assert.Equal(["handled", "replayed"], SpansOf(id).Select(s => s.GetTagItem(LedgerTelemetry.OutcomeTag)));
    }

    public void Dispose() => listener.Dispose();

    private static string NewId() => "span-test-" + Guid.NewGuid().ToString("N");

    private List<Activity> SpansOf(string commandId) =>
        stopped.Where(a => Equals(a.GetTagItem(LedgerTelemetry.CommandIdTag), commandId)).OrderBy(a => a.StartTimeUtc).ToList();
}
