using Microsoft.AspNetCore.Localization;

namespace Ledger.Web.Components;

/// <summary>
/// The person's culture for the UI, from the browser's Accept-Language (what navigator.language says too), with
/// English as the fallback. A circuit keeps the culture of the request that started it, so every number and date
/// <see cref="Shared.Display"/> writes, and every amount typed into a dialog, follows it. The HTTP API formats
/// and parses with the invariant culture whatever this says.
/// </summary>
public static class UiCulture
{
    public const string Fallback = "en-US";

    public static RequestLocalizationOptions Options()
    {
        var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures).Where(c => c.Name.Length > 0).ToArray();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Fallback),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };

        // Only the browser's language decides: no ?culture= in URLs and no cookie to go stale.
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }
}
