using MudBlazor;

namespace Ledger.Web.Components.Layout;

/// <summary>
/// A compact theme: smaller app bar and drawer, so tables get the room. Every text colour here meets WCAG AA
/// (4.5:1) on the surfaces it is drawn on, in both palettes (the accessibility suite checks it with axe), so
/// pages never fix contrast one by one.
/// </summary>
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
            TextSecondary = "#5c6370",
            Success = "#1b6e2c",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Info = "#0b62b8",
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
            // Light accents on a dark page: filled buttons and chips take dark text, not white.
            PrimaryContrastText = "#0d1117",
            SecondaryContrastText = "#0d1117",
            SuccessContrastText = "#0d1117",
            WarningContrastText = "#0d1117",
            ErrorContrastText = "#0d1117",
            InfoContrastText = "#0d1117",
            TextSecondary = "#a3acb9",
            Success = "#4cc38a",
            Warning = "#f0b44c",
            Error = "#ff7b72",
            Info = "#58a6ff",
            Dark = "#8b949e",
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
