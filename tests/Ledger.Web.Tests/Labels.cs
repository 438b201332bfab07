using AngleSharp.Dom;

namespace Ledger.Web.Tests;

/// <summary>Finds a value the way a person or a screen reader does: by its visible label.</summary>
internal static class Labels
{
    public static string Value<T>(IRenderedComponent<T> cut, string label)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Value(cut.FindAll("label"), cut, label);

    private static string Value<T>(IEnumerable<IElement> labels, IRenderedComponent<T> cut, string label)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var match = labels.FirstOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No label '{label}'.");
        var target = match.GetAttribute("for") ?? throw new InvalidOperationException($"Label '{label}' is not tied to a control.");
        return cut.Find($"[id='{target}']").TextContent.Trim();
    }

    /// <summary>The input a label names (label for=id), e.g. a MudTextField's input.</summary>
    public static IElement Input<T>(IRenderedComponent<T> cut, string label)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var match = cut.FindAll("label").FirstOrDefault(l => l.TextContent.Trim() == label)
            ?? throw new InvalidOperationException($"No label '{label}'.");
        var target = match.GetAttribute("for") ?? throw new InvalidOperationException($"Label '{label}' is not tied to an input.");
        return cut.Find($"[id='{target}']");
    }
}
