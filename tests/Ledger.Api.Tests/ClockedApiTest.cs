using System.Globalization;

namespace Ledger.Api.Tests;

/// <summary>A clock the test moves by hand, so events land at known instants without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}

/// <summary>
/// A test class whose tests each get an app of their own on a <see cref="ManualClock"/> that starts at
/// <see cref="Monday"/>, so what a test reads at a moment depends only on when it put events there.
/// </summary>
public abstract class ClockedApiTest(IReadOnlyDictionary<string, string>? settings = null) : OwnAppApiTest(settings)
{
    protected static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected ManualClock Clock { get; } = new(Monday);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(new LedgerClock(Clock));

    /// <summary>An account opened Monday 09:00Z with 100, +50 Tuesday 09:00Z, −30 Wednesday 09:00Z, each recorded as it happened.</summary>
    protected async Task<string> ThreeDaysOfHistoryAsync()
    {
        var id = Api.NewId();
        Clock.Set(Monday);
        await Client.OpenAsync(id, 100m);
        Clock.Set(Monday.AddDays(1));
        await Client.DepositAsync(id, 50m);
        Clock.Set(Monday.AddDays(2));
        (await Client.PostAsync($"/api/accounts/{id}/withdrawals", new { amount = 30, transactionReference = "w" })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A moment as a query string value: ISO 8601 in UTC to the second.</summary>
    protected static string Iso(DateTimeOffset at) => WebUtility.UrlEncode(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
