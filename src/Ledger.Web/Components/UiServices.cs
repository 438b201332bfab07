using Ledger.Web.Components.Shared;
using Ledger.Web.Components.Shared.Time;
using Ledger.Web.Operations;
using MudBlazor.Services;

namespace Ledger.Web.Components;

public static class UiServices
{
    /// <summary>MudBlazor and the UI's own per-circuit services; the tests use the same registration.</summary>
    public static IServiceCollection AddLedgerUi(this IServiceCollection services)
    {
        // Bottom right, above the status bar: top-right toasts covered the account's action buttons.
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddScoped<ShortcutService>();
        services.AddScoped<OpenDialogs>();
        services.AddScoped<ViewerTimeZone>();
        services.AddSingleton<DatabaseBackups>();
        return services;
    }
}
