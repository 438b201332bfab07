using Ledger.Web.Components.Shared;
using MudBlazor.Services;

namespace Ledger.Web.Components;

public static class UiServices
{
    /// <summary>MudBlazor and the UI's own per-circuit services; the tests use the same registration.</summary>
    public static IServiceCollection AddLedgerUi(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddScoped<ShortcutService>();
        return services;
    }
}
