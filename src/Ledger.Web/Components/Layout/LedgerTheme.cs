using MudBlazor;

namespace Ledger.Web.Components.Layout;

/// <summary>A compact theme: smaller app bar and drawer, so tables get the room.</summary>
public static class LedgerTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8",
            Secondary = "#7b4fa0",
            AppbarBackground = "#1f3b5c",
            Background = "#f4f6f8",
            DrawerBackground = "#ffffff",
            TableLines = "#e3e6ea",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6aa8ff",
            Secondary = "#c39be6",
            AppbarBackground = "#161b22",
            Background = "#0d1117",
            Surface = "#161b22",
            DrawerBackground = "#11161d",
            TableLines = "#2a313b",
        },
        LayoutProperties = new LayoutProperties
        {
            AppbarHeight = "48px",
            DrawerWidthLeft = "190px",
            DrawerMiniWidthLeft = "52px",
            DefaultBorderRadius = "4px",
        },
    };
}
