namespace Ledger.Web.Api;

/// <summary>
/// "After event N, as known at K". An account's events are recorded in version order (recordedAt never decreases
/// as the position grows), so once event N was recorded every earlier one was too, and what follows from it is
/// the same whenever it is asked; before it was recorded there was no event N to answer about.
/// </summary>
internal static class KnownVersions
{
    /// <summary>True when the account's event <paramref name="version"/> was recorded at or before <paramref name="knownAt"/>: one indexed read.</summary>
    public static async Task<bool> WasRecordedByAsync(LedgerMediator mediator, string accountId, long version, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetAccountEventsQuery(accountId, version, version, Limit: 1), cancellationToken);
        return page.Items is [var recorded] && recorded.RecordedAt <= knownAt;
    }

    /// <summary>The 404's words: which version was missing, and as known when.</summary>
    public static string NoSuchVersion(string accountId, long version, DateTimeOffset? knownAt) => knownAt is { } known
        ? $"Account '{accountId}' had no version {version} as known at {known.UtcDateTime:O}."
        : $"Account '{accountId}' has no version {version}.";
}
