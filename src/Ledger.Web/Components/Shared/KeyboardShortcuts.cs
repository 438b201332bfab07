namespace Ledger.Web.Components.Shared;

/// <summary>Where a shortcut acts; the overlay groups by it and the key handler checks it.</summary>
public enum ShortcutScope
{
    Anywhere,
    AccountsPage,
    AccountPage,
    TimeTravel,
    Dialog,
}

/// <summary>One shortcut: the id screens react to, the browser's <c>KeyboardEvent.key</c>, and how the overlay shows it.</summary>
/// <param name="Id">What <see cref="ShortcutService.Pressed"/> reports.</param>
/// <param name="Key">The <c>KeyboardEvent.key</c> that triggers it (letters match either case).</param>
/// <param name="Label">The key as printed in the overlay.</param>
/// <param name="Description">What it does, in the overlay.</param>
/// <param name="Scope">Where it acts.</param>
public sealed record Shortcut(string Id, string Key, string Label, string Description, ShortcutScope Scope);

/// <summary>
/// Every keyboard shortcut, defined here only: wwwroot/js/shortcuts.js gets this list to decide which keys
/// it reports, and the <c>?</c> overlay is generated from it, so the two cannot disagree.
/// </summary>
public static class KeyboardShortcuts
{
    public const string Help = "Help";
    public const string Search = "Search";
    public const string OpenAccount = "N";
    public const string Deposit = "D";
    public const string Withdraw = "W";
    public const string Transfer = "T";
    public const string Play = "Play";
    public const string StepBack = "Left";
    public const string StepForward = "Right";
    public const string First = "Home";
    public const string Live = "End";
    public const string Close = "Escape";
    public const string Send = "Enter";

    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new(Help, "?", "?", "Show this list of shortcuts", ShortcutScope.Anywhere),
        new(Search, "/", "/", "Search accounts, holders and references", ShortcutScope.Anywhere),
        new(OpenAccount, "n", "N", "Open a new account", ShortcutScope.AccountsPage),
        new(Deposit, "d", "D", "Deposit into the account on screen", ShortcutScope.AccountPage),
        new(Withdraw, "w", "W", "Withdraw from the account on screen", ShortcutScope.AccountPage),
        new(Transfer, "t", "T", "Transfer from the account on screen", ShortcutScope.AccountPage),
        new(Play, "p", "P", "Play or pause time travel through the history", ShortcutScope.TimeTravel),
        new(StepBack, "ArrowLeft", "←", "Step back one event", ShortcutScope.TimeTravel),
        new(StepForward, "ArrowRight", "→", "Step forward one event", ShortcutScope.TimeTravel),
        new(First, "Home", "Home", "Go to the first event", ShortcutScope.TimeTravel),
        new(Live, "End", "End", "Back to live", ShortcutScope.TimeTravel),
        new(Close, "Escape", "Esc", "Close the dialog (this list too); leave the search box", ShortcutScope.Dialog),
        // Handled in the browser (shortcuts.js, submitOnEnter): listed so the overlay tells people.
        new(Send, "Enter", "Enter", "Send the dialog from a one-line field (a suggestion list takes it first)", ShortcutScope.Dialog),
    ];

    public static string ScopeName(ShortcutScope scope) => scope switch
    {
        ShortcutScope.Anywhere => "Anywhere",
        ShortcutScope.AccountsPage => "Accounts",
        ShortcutScope.AccountPage => "An account",
        ShortcutScope.TimeTravel => "Time travel (an account's page)",
        _ => "Dialogs and search",
    };

    /// <summary>What the browser's key handler needs: the key, the id to report and where it applies.</summary>
    public static object[] ForBrowser() =>
        All.Select(s => (object)new { key = s.Key, id = s.Id, scope = s.Scope.ToString() }).ToArray();
}
