using System.Collections.Frozen;
using System.ComponentModel;
using Ledger.Domain.Accounts;
using Ledger.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Web.Api;

/// <summary>/api/accounts: open, deposit, withdraw, close; list, read, events and time travel.</summary>
internal static class AccountEndpoints
{
    private static readonly FrozenDictionary<string, AccountSort> Sorts = new Dictionary<string, AccountSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = AccountSort.Id,
        ["id_desc"] = AccountSort.IdDesc,
        ["holder"] = AccountSort.Holder,
        ["holder_desc"] = AccountSort.HolderDesc,
        ["balance"] = AccountSort.Balance,
        ["balance_desc"] = AccountSort.BalanceDesc,
        ["updated"] = AccountSort.Updated,
        ["updated_desc"] = AccountSort.UpdatedDesc,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, AccountStatus> Statuses = new Dictionary<string, AccountStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["Active"] = AccountStatus.Active,
        ["Closed"] = AccountStatus.Closed,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapPost("", OpenAsync)
            .Sends<OpenAccountCommand>()
            .WithName("OpenAccount")
            .WithSummary("Open an account")
            .WithDescription("201 with Location and ETag \"1\"; the body is the new account.")
            .AcceptsJson<OpenAccountRequest>()
            .Produces<AccountView>(StatusCodes.Status201Created)
            .ProducesErrors(400, 409, 412, 422);

        accounts.MapAccountCommand<DepositMoneyCommand, DepositRequest>("/{id}/deposits", DepositAsync, "DepositMoney", "Deposit money");
        accounts.MapAccountCommand<WithdrawMoneyCommand, WithdrawalRequest>("/{id}/withdrawals", WithdrawAsync, "WithdrawMoney", "Withdraw money");
        accounts.MapAccountCommand<CloseAccountCommand, CloseAccountRequest>("/{id}/close", CloseAsync, "CloseAccount", "Close an account whose balance is zero");

        accounts.MapRead("", ListAsync)
            .WithName("ListAccounts")
            .WithSummary("List accounts: search, filter, sort and page")
            .Produces<ResultPage<AccountView>>()
            .ProducesErrors(400);

        accounts.MapRead("/{id}", GetAsync)
            .WithName("GetAccount")
            .WithSummary("Read an account; ETag is its version")
            .Produces<AccountView>()
            .ProducesErrors(400, 404);

        accounts.MapRead("/{id}/events", EventsAsync)
            .WithName("GetAccountEvents")
            .WithSummary("An account's events in version order")
            .Produces<EventsPage>()
            .ProducesErrors(400, 404);

        accounts.MapRead("/{id}/state", StateAsync)
            .WithName("GetAccountState")
            .WithSummary("An account as it was after event N (version=N) or at a moment (at=timestamp)")
            .Produces<AccountStateView>()
            .ProducesErrors(400, 404);
    }

    private static async Task<IResult> OpenAsync(HttpRequest request, [AsParameters] CommandHeaders headers, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadBodyAsync<OpenAccountRequest>(request, cancellationToken);
        var account = await mediator.Send(headers.Apply(body.ToCommand()), cancellationToken);
        CommandHeaders.Describe(request.HttpContext.Response, account.Version, account);
        return TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(account.AccountId)}", account);
    }

    /// <summary>A command on one existing account: a JSON body in, the account after it out (see <see cref="Answer"/>).</summary>
    private static void MapAccountCommand<TCommand, TRequest>(this RouteGroupBuilder accounts, string route, Delegate handler, string name, string summary) =>
        accounts.MapPost(route, handler)
            .Sends<TCommand>()
            .WithName(name)
            .WithSummary(summary)
            .AcceptsJson<TRequest>()
            .Produces<CommandResult>()
            .ProducesErrors(400, 404, 409, 412, 422);

    private static async Task<IResult> DepositAsync(string id, HttpRequest request, [AsParameters] CommandHeaders headers, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadBodyAsync<DepositRequest>(request, cancellationToken);
        return Answer(request, await mediator.Send(headers.Apply(body.ToCommand(id)), cancellationToken));
    }

    private static async Task<IResult> WithdrawAsync(string id, HttpRequest request, [AsParameters] CommandHeaders headers, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadBodyAsync<WithdrawalRequest>(request, cancellationToken);
        return Answer(request, await mediator.Send(headers.Apply(body.ToCommand(id)), cancellationToken));
    }

    private static async Task<IResult> CloseAsync(string id, HttpRequest request, [AsParameters] CommandHeaders headers, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadBodyAsync<CloseAccountRequest>(request, cancellationToken);
        return Answer(request, await mediator.Send(headers.Apply(body.ToCommand(id)), cancellationToken));
    }

    private static IResult Answer(HttpRequest request, CommandResult result)
    {
        CommandHeaders.Describe(request.HttpContext.Response, result.Version, result);
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> ListAsync([AsParameters] ListAccountsParameters parameters, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(parameters.Currency))
        {
            Input.CurrencyCode(parameters.Currency);
        }

        var query = new ListAccountsQuery(
            string.IsNullOrWhiteSpace(parameters.Search) ? null : parameters.Search,
            QueryValues.Enum(parameters.Status, "status", Statuses),
            string.IsNullOrWhiteSpace(parameters.Currency) ? null : parameters.Currency,
            QueryValues.Enum(parameters.Sort, "sort", Sorts) ?? AccountSort.Id,
            QueryValues.Int(parameters.Page, "page", 1, 1, int.MaxValue / ListAccountsQuery.MaxPageSize),
            QueryValues.Int(parameters.PageSize, "pageSize", 50, 1, ListAccountsQuery.MaxPageSize));
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string id, HttpResponse response, [FromServices] LedgerMediator mediator, CancellationToken cancellationToken)
    {
        var account = await mediator.Send(new GetAccountQuery(id), cancellationToken) ?? throw NotFound(id);
        response.Headers.ETag = CommandHeaders.ETag(account.Version);
        return TypedResults.Ok(account);
    }

    private static async Task<IResult> EventsAsync(
        string id,
        [Description("First version to return; default 1.")] string? fromVersion,
        [Description("Last version to return; default the newest.")] string? toVersion,
        [Description("At most this many events, 1 to 1000; default 100.")] string? limit,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        var query = new GetAccountEventsQuery(
            id,
            QueryValues.Long(fromVersion, "fromVersion", 1) ?? 1,
            QueryValues.Long(toVersion, "toVersion", 1),
            QueryValues.Int(limit, "limit", 100, 1, GetAccountEventsQuery.MaxLimit));
        _ = await mediator.Send(new GetAccountQuery(id), cancellationToken) ?? throw NotFound(id);
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static async Task<IResult> StateAsync(
        string id,
        [Description("The state right after this event number (1 is the opening).")] string? version,
        [Description("The state after the last event at or before this ISO 8601 time, which must carry Z or an offset.")] string? at,
        [Description("Count only events recorded at or before this ISO 8601 time (default: everything recorded so far); with version, 404 if that event was not recorded yet.")] string? knownAt,
        [FromServices] LedgerMediator mediator,
        CancellationToken cancellationToken)
    {
        // There is no event 0 to be "after": version 1 is the opening, as explain and events count too.
        var atVersion = QueryValues.Long(version, "version", 1);
        var atTime = QueryValues.Timestamp(at, "at");
        var knownAtTime = QueryValues.Timestamp(knownAt, "knownAt");
        AccountStateView? state = (atVersion, atTime) switch
        {
            ({ } v, null) => await StateAtVersionAsync(mediator, id, v, knownAtTime, cancellationToken),
            (null, { } t) => await mediator.Send(new GetAccountStateAtTimeQuery(id, t, knownAtTime), cancellationToken),
            _ => throw DomainException.Invalid("version", "Give exactly one of 'version' or 'at'."),
        };
        return TypedResults.Ok(state ?? throw new DomainException(ErrorCodes.AccountNotFound,
            atVersion is { } n
                ? KnownVersions.NoSuchVersion(id, n, knownAtTime)
                : $"Account '{id}' did not exist at {atTime!.Value.UtcDateTime:O}."));
    }

    private static async Task<AccountStateView?> StateAtVersionAsync(LedgerMediator mediator, string id, long version, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        knownAt is { } known && !await KnownVersions.WasRecordedByAsync(mediator, id, version, known, cancellationToken)
            ? null
            : await mediator.Send(new GetAccountStateAtVersionQuery(id, version), cancellationToken);

    private static DomainException NotFound(string id) =>
        new(ErrorCodes.AccountNotFound, $"Account '{id}' does not exist.");
}

internal sealed class ListAccountsParameters
{
    [Description("Part of an account id, holder id or holder name.")]
    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    [Description("Active or Closed.")]
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    [Description("ISO 4217 code, such as EUR.")]
    [FromQuery(Name = "currency")]
    public string? Currency { get; init; }

    [Description("id, holder, balance or updated, each with a _desc variant; default id.")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [Description("1-based page number; default 1.")]
    [FromQuery(Name = "page")]
    public string? Page { get; init; }

    [Description("1 to 500; default 50.")]
    [FromQuery(Name = "pageSize")]
    public string? PageSize { get; init; }
}
