using Microsoft.JSInterop;

namespace Ledger.Web.Components.Shared.Time;

/// <summary>
/// The time zone of the person looking at the screen, one per circuit, used by every screen that shows or reads
/// a time. It normally arrives with the page request (a cookie App.razor's head script writes from the browser's
/// Intl zone, handed to <see cref="Routes"/>), so even the first render is in the person's zone; on the very first
/// visit it is asked of the browser once. Until then (a test without a browser) it is UTC: never the server's own
/// zone, so no answer depends on where the server runs.
/// </summary>
public sealed class ViewerTimeZone(IJSRuntime js)
{
    private bool loaded;

    /// <summary>The cookie App.razor's head script keeps the browser's IANA zone id in.</summary>
    public const string CookieName = "ledger-tz";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the browser's zone has been learned (from the request or by asking).</summary>
    public bool Known => loaded;

    /// <summary>Takes the zone the page request named; an unknown or missing id changes nothing.</summary>
    public void UseId(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            Use(zone);
        }
    }

    /// <summary>Asks the browser once; a zone this machine does not know leaves UTC in place.</summary>
    public async Task LoadAsync()
    {
        if (loaded)
        {
            return;
        }

        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/timezone.js");
            UseId(module is null ? null : await module.InvokeAsync<string?>("timeZone"));
            loaded = true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Prerendering has no browser yet; the interactive render asks again.
        }
    }

    /// <summary>Sets the zone directly (tests, and a viewer who picks one).</summary>
    public void Use(TimeZoneInfo zone)
    {
        Zone = zone;
        loaded = true;
    }

    /// <summary>"Europe/Zurich (UTC+01:00)" at that moment.</summary>
    public string Describe(DateTimeOffset at) => LocalMoment.Describe(Zone, at);

    /// <summary>A moment in this zone, in the person's culture (see <see cref="Display"/>).</summary>
    public string Time(DateTimeOffset at) => Display.Time(at, Zone);

    public string ShortTime(DateTimeOffset at) => Display.ShortTime(at, Zone);

    public string Day(DateTimeOffset at) => Display.Day(at, Zone);

    public string Clock(DateTimeOffset at) => Display.Clock(at, Zone);

    public string DayAndMonth(DateTimeOffset at) => Display.DayAndMonth(at, Zone);
}
