using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Ledger.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core, the engine behind browsers' accessibility tools, run on what is on screen. A page passes
/// with no serious or critical violation, and none of the structural ones a screen-reader user meets
/// first whatever their impact: one <c>main</c> landmark, nothing outside landmarks, named table headers.
/// </summary>
public static class Axe
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "landmark-one-main", "landmark-no-duplicate-main", "region", "empty-table-header", "landmark-unique",
    };

    /// <summary>Runs axe on the page as it is now and fails with every offending rule, element and its HTML.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var failures = result.Violations
            .Where(v => Blocking.Contains(v.Impact ?? "") || Structural.Contains(v.Id))
            .ToList();
        Assert.True(failures.Count == 0, Describe(where, failures));
    }

    private static string Describe(string where, IEnumerable<AxeResultItem> violations) =>
        $"axe found accessibility violations on {where}:" + Environment.NewLine + string.Join(
            Environment.NewLine,
            violations.Select(v => $"- {v.Id} ({v.Impact}, {v.Nodes.Length} elements): {v.Help}" + Environment.NewLine + string.Join(
                Environment.NewLine,
                v.Nodes.Take(8).Select(n => $"    {n.Target}: {Shorten(n.Html)}{Environment.NewLine}      {Shorten(string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))}"))));

    private static string Shorten(string? text) =>
        text is null ? "" : (text.Length <= 220 ? text : text[..220] + "…").ReplaceLineEndings(" ");
}
