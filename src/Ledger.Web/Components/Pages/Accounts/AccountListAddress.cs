using System.Collections.Frozen;
using Ledger.Domain.Accounts;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Web.Components.Pages.Accounts;

/// <summary>
/// Where the account list stands (page, rows per page, sort, and its filters), kept in the address bar's query so that
/// a reload or a shared link opens the same rows. The names (page, size, sort, search, status, currency) are the list's
/// own, apart from the account page's time travel; sorts, filters and their values are named as the HTTP API names
/// them. Defaults are left out, so /accounts stays /accounts, and anything unknown in an address edited by hand reads
/// as the default.
/// </summary>
public readonly record struct AccountListAddress(int Page, int PageSize, AccountSort Sort, string? Search = null, AccountStatus? Status = null, string? Currency = null)
{
    public const int DefaultPageSize = 25;

    /// <summary>The pager's choices; another size in an address is not one the pager could show.</summary>
    public static readonly int[] PageSizes = [DefaultPageSize, 50, 100, 250];

    private static readonly FrozenDictionary<AccountSort, string> Names = new Dictionary<AccountSort, string>
    {
        [AccountSort.Id] = "id",
        [AccountSort.IdDesc] = "id_desc",
        [AccountSort.Holder] = "holder",
        [AccountSort.HolderDesc] = "holder_desc",
        [AccountSort.Balance] = "balance",
        [AccountSort.BalanceDesc] = "balance_desc",
        [AccountSort.Updated] = "updated",
        [AccountSort.UpdatedDesc] = "updated_desc",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, AccountSort> ByName =
        Names.ToFrozenDictionary(n => n.Value, n => n.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Statuses by the names the API gives them (Active, Closed), in any case.</summary>
    private static readonly FrozenDictionary<string, AccountStatus> Statuses =
        Enum.GetValues<AccountStatus>().ToFrozenDictionary(s => s.ToString(), StringComparer.OrdinalIgnoreCase);

    public static AccountListAddress Default { get; } = new(1, DefaultPageSize, AccountSort.Id);

    /// <summary>Longer than any id, holder name or holder id a filter could need, so a pasted essay stays out of the query.</summary>
    private const int MaxSearchLength = 200;

    /// <summary>The list's place as <paramref name="uri"/> gives it.</summary>
    public static AccountListAddress Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        int? Number(string name) =>
            query.TryGetValue(name, out var text) && int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        string? Text(string name) =>
            query.TryGetValue(name, out var text) && text.ToString().Trim() is { Length: > 0 } value ? value : null;

        return new AccountListAddress(
            Number("page") is > 0 and { } page ? page : Default.Page,
            Number("size") is { } size && PageSizes.Contains(size) ? size : Default.PageSize,
            Text("sort") is { } sort && ByName.TryGetValue(sort, out var known) ? known : Default.Sort,
            Text("search") is { Length: <= MaxSearchLength } search ? search : null,
            Text("status") is { } status && Statuses.TryGetValue(status, out var knownStatus) ? knownStatus : null,
            Text("currency")?.ToUpperInvariant() is { } currency && Domain.Money.Currency.IsKnown(currency) ? currency : null);
    }

    /// <summary>The query parameters to set: null removes one at its default.</summary>
    public IReadOnlyDictionary<string, object?> Query => new Dictionary<string, object?>
    {
        ["page"] = Page == Default.Page ? null : Page,
        ["size"] = PageSize == Default.PageSize ? null : PageSize,
        ["sort"] = Sort == Default.Sort ? null : Names[Sort],
        ["search"] = Search?.Trim() is { Length: > 0 } search ? search : null,
        ["status"] = Status?.ToString(),
        ["currency"] = Currency,
    };
}
