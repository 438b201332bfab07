using Ledger.Web.Security;

// In the Ledger.Web namespace so that Program.cs needs no extra using for its one call.
namespace Ledger.Web;

/// <summary>Defences against hostile web pages (DNS rebinding, cross-site requests, framing); see Security/.</summary>
public static class SecuritySetup
{
    public const string AllowedHostsSetting = "Ledger:AllowedHosts";

    /// <summary>Call before anything else in the pipeline, so even error pages and static files are covered.</summary>
    public static WebApplication UseLedgerSecurity(this WebApplication app)
    {
        // Parsed now, so a bad setting stops the start instead of failing every request.
        var extraHosts = AllowedHosts.ParseSetting(app.Configuration[AllowedHostsSetting]);
        app.UseMiddleware<RequestGuard>(extraHosts);
        return app;
    }
}
