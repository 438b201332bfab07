using Ledger.Web.Components.Layout;
using Ledger.Web.Components.Shared;

namespace Ledger.Web.Tests.Components.Layout;

/// <summary>The "?" overlay is generated from the one list of shortcuts, the same list the key handler receives.</summary>
public sealed class ShortcutsDialogTests : DialogContext
{
    [Fact]
    public async Task Overlay_ListsEveryDefinedShortcut_WithItsKeyAndWhatItDoes()
    {
        var (providers, _) = await ShowAsync<ShortcutsDialog>([]);

        var rows = providers.FindAll(".ledger-shortcuts tbody tr")
            .Select(r => (Key: r.QuerySelector("kbd")!.TextContent.Trim(), Action: r.QuerySelectorAll("td")[1].TextContent.Trim()))
            .ToList();
        Assert.Equal(KeyboardShortcuts.All.Select(s => (s.Label, s.Description)), rows);
        Assert.Contains(("/", "Search accounts, holders and references"), rows);
    }

    [Fact]
    public void KeyHandler_GetsEveryShortcutButThoseTheBrowserHandles_WithUniqueKeys()
    {
        var keys = KeyboardShortcuts.All.Select(s => s.Key.Length == 1 ? s.Key.ToLowerInvariant() : s.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(KeyboardShortcuts.All.Count, KeyboardShortcuts.ForBrowser().Length);
    }

    [Fact]
    public async Task Overlay_GroupsTheShortcutsUnderWhereTheyAct()
    {
        var (providers, _) = await ShowAsync<ShortcutsDialog>([]);

        var captions = providers.FindAll(".ledger-shortcuts caption").Select(c => c.TextContent.Trim());
        Assert.Equal(["Anywhere", "Accounts", "An account", "Time travel (an account's page)", "Dialogs and search"], captions);
    }

    [Fact]
    public void KeyHandler_GetsEachKeyWithTheIdToReportAndWhereItApplies()
    {
        // What wwwroot/js/shortcuts.js receives: JSON, as Blazor's JS interop sends it.
        var json = System.Text.Json.JsonSerializer.Serialize(KeyboardShortcuts.ForBrowser());

        Assert.Contains("""{"key":"p","id":"Play","scope":"TimeTravel"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"key":"Escape","id":"Escape","scope":"Dialog"}""", json, StringComparison.Ordinal);
    }
}
