using System.Collections.Frozen;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Web.Components.Pages.Accounts;

/// <summary>
/// Where the account list stands (page, rows per page, sort), kept in the address bar's query so that a reload or a
/// shared link opens the same page. The names (page, size, sort) are the list's own, apart from the account page's
/// time travel; sorts are named as the HTTP API names them. Defaults are left out, so /accounts stays /accounts, and
/// anything unknown in an address edited by hand reads as the default.
/// </summary>
public readonly record struct AccountListAddress(int Page, int PageSize, AccountSort Sort)
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

    public static AccountListAddress Default { get; } = new(1, DefaultPageSize, AccountSort.Id);

    /// <summary>The list's place as <paramref name="uri"/> gives it.</summary>
    public static AccountListAddress Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        int? Number(string name) =>
            query.TryGetValue(name, out var text) && int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        return new AccountListAddress(
            Number("page") is > 0 and { } page ? page : Default.Page,
            Number("size") is { } size && PageSizes.Contains(size) ? size : Default.PageSize,
            query.TryGetValue("sort", out var sort) && ByName.TryGetValue(sort.ToString(), out var known) ? known : Default.Sort);
    }

    /// <summary>The query parameters to set: null removes one at its default.</summary>
    public IReadOnlyDictionary<string, object?> Query => new Dictionary<string, object?>
    {
        ["page"] = Page == Default.Page ? null : Page,
        ["size"] = PageSize == Default.PageSize ? null : PageSize,
        ["sort"] = Sort == Default.Sort ? null : Names[Sort],
    };
}
