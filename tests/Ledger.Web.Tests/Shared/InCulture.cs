using System.Globalization;

namespace Ledger.Web.Tests.Shared;

/// <summary>
/// Sets the culture a circuit would have (the browser's language) until disposed, so formatting tests read
/// exactly what a German or an English reader sees. Culture is per async flow, so parallel tests do not mix.
/// </summary>
internal sealed class InCulture : IDisposable
{
    private readonly (CultureInfo Culture, CultureInfo UiCulture) before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public InCulture(string name) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
}
