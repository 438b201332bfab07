using Ledger.Infrastructure.Storage.Projections;
using Ledger.Web.Components.Pages.Diagnostics;

namespace Ledger.Web.Tests.Components.Diagnostics;

/// <summary>A rebuild's outcome in words: a lagging read model is not called wrong.</summary>
public sealed class RebuildOutcomeTests
{
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    [Fact]
    public void ARightReadModel_IsCalledRight() =>
        Assert.EndsWith("The read model was already exactly what the events say; nothing needed replacing.",
            DiagnosticsFormat.RebuildOutcome(new RebuildResult(2_500, TwoSeconds, 1_250, 0)));

    [Fact]
    public void AReadModelThatHadNotCaughtUp_IsCalledBehind_NotWrong()
    {
        var words = DiagnosticsFormat.RebuildOutcome(new RebuildResult(2_500, TwoSeconds, 1_250, 2_501, LiveWasBehindBy: 2_500));

        Assert.Contains("had not applied the last 2,500 events yet; the 2,501 rows they change have been filled in.", words);
        Assert.DoesNotContain("differed", words);
    }

    [Fact]
    public void ADriftedReadModel_SaysHowManyRowsDiffered() =>
        Assert.EndsWith("3 read-model rows differed from what the events say; they have been replaced.",
            DiagnosticsFormat.RebuildOutcome(new RebuildResult(2_500, TwoSeconds, 1_250, 3)));

    [Fact]
    public void OneEventAndOneRow_AreEachSaidInTheSingular()
    {
        Assert.StartsWith("Rebuilt 1 event in", DiagnosticsFormat.RebuildOutcome(new RebuildResult(1, TwoSeconds, 1, 0)));
        Assert.Contains("had not applied the last 1 event yet; the 1 row it changes has been filled in.",
            DiagnosticsFormat.RebuildOutcome(new RebuildResult(1, TwoSeconds, 1, 1, LiveWasBehindBy: 1)));
        Assert.EndsWith("1 read-model row differed from what the events say; it has been replaced.",
            DiagnosticsFormat.RebuildOutcome(new RebuildResult(1, TwoSeconds, 1, 1)));
    }
}
