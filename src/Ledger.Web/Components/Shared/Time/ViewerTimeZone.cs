using System.Globalization;
using Microsoft.JSInterop;

namespace Ledger.Web.Components.Shared.Time;

/// <summary>
/// The time zone of the person looking at the screen, read once per circuit from the browser. Until the
/// browser has answered (prerendering, a test without a browser) it is UTC: never the server's own zone,
/// so no answer depends on where the server runs.
/// </summary>
public sealed class ViewerTimeZone(IJSRuntime js)
{
    private bool loaded;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

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
            var id = module is null ? null : await module.InvokeAsync<string?>("timeZone");
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                Zone = zone;
            }

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

    public string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public string ShortTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
