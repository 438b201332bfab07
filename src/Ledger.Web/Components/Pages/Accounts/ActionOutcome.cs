namespace Ledger.Web.Components.Pages.Accounts;

/// <summary>What a dialog tells the page after a command succeeded; <see cref="VersionMoved"/> when others changed the account meanwhile.</summary>
public sealed record ActionOutcome(string Message, bool VersionMoved);
