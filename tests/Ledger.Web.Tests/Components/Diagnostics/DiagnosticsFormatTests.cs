using Ledger.Infrastructure.Storage.Projections;
using Ledger.Web.Components.Pages.Diagnostics;
using Ledger.Web.Tests.Shared;

namespace Ledger.Web.Tests.Components.Diagnostics;

/// <summary>Durations and sizes as the Diagnostics panels write them, right at the unit boundaries.</summary>
public sealed class DiagnosticsFormatTests
{
    [Fact]
    public void ADurationUnderASecond_IsInMilliseconds_AndFromASecondOn_InSeconds()
    {
        using var english = new InCulture("en-US");

        Assert.Equal("not yet", DiagnosticsFormat.Duration(null));
        Assert.Equal("999 ms", DiagnosticsFormat.Duration(TimeSpan.FromMilliseconds(999)));
        Assert.Equal("1.00 s", DiagnosticsFormat.Duration(TimeSpan.FromSeconds(1)));
        Assert.Equal("12.35 s", DiagnosticsFormat.Duration(TimeSpan.FromMilliseconds(12_345)));
    }

    [Fact]
    public void AFileSize_ChangesUnitExactlyAtAKibibyteAndAMebibyte()
    {
        using var english = new InCulture("en-US");

        Assert.Equal("1023 B", DiagnosticsFormat.FileSize(1023));
        Assert.Equal("1.0 KiB", DiagnosticsFormat.FileSize(1024));
        Assert.Equal("1024.0 KiB", DiagnosticsFormat.FileSize(1024 * 1024 - 1));
        Assert.Equal("1.0 MiB", DiagnosticsFormat.FileSize(1024 * 1024));
        Assert.Equal("2.5 MiB", DiagnosticsFormat.FileSize(5 * 512 * 1024));
    }

    [Fact]
    public void ACountOfEvents_IsSingularOnlyForOne()
    {
        using var english = new InCulture("en-US");

        Assert.Equal(["0 events", "1 event", "1,657 events"], new long[] { 0, 1, 1_657 }.Select(DiagnosticsFormat.Events));
    }

    [Fact]
    public void InGerman_DurationsAndSizesUseADecimalComma()
    {
        using var german = new InCulture("de-DE");

        Assert.Equal("1,50 s", DiagnosticsFormat.Duration(TimeSpan.FromMilliseconds(1_500)));
        Assert.Equal("1,5 KiB", DiagnosticsFormat.FileSize(1_536));
    }

    [Fact]
    public void ARebuildOutcome_StartsWithHowManyEventsHowLongAndHowFast()
    {
        using var english = new InCulture("en-US");

        var words = DiagnosticsFormat.RebuildOutcome(new RebuildResult(2_500, TimeSpan.FromSeconds(2), 1_250.9, 0));

        Assert.StartsWith("Rebuilt 2,500 events in 2.00 s (1,250 events/s). The read model was already", words);
    }
}
