using Ledger.Infrastructure.Users;

namespace Ledger.Web.Operations;

/// <summary><c>tokens create|list|revoke</c>: API tokens for a user. A token's text is printed once, at creation.</summary>
internal static class TokensCommand
{
    public static async Task<IEnumerable<(string Name, object? Value)>> RunAsync(UsersCli.Services services, string action, string[] names, Arguments arguments)
    {
        var tokens = services.Get<ApiTokenStore>();
        switch (action)
        {
            case "create":
            {
                var user = UsersCli.One(names, "user", "tokens create alice --days 30");
                var days = Days(arguments.Optional("--days"));
                var issued = await tokens.CreateAsync(user, days);
                return
                [
                    ("token", issued.Token),
                    ("id", issued.Id),
                    ("user", user),
                    ("expires", UsersCli.Time(issued.ExpiresAt)),
                    ("note", "shown once: Ledger keeps only a hash of it. Send it as Authorization: Bearer <token>."),
                ];
            }

            case "list":
            {
                var user = UsersCli.One(names, "user", "tokens list alice");
                var now = services.Get<TimeProvider>().GetUtcNow();
                var rows = await tokens.ListAsync(user);
                return rows.Count == 0
                    ? [("tokens", $"none for {user}")]
                    : rows.Select(t => (Name: t.Id, Value: (object?)($"{t.StatusAt(now),-8} created {UsersCli.Time(t.CreatedAt)}  expires {UsersCli.Time(t.ExpiresAt)}"
                        + (t.RevokedAt is { } revoked ? $"  revoked {UsersCli.Time(revoked)}" : ""))));
            }

            case "revoke":
            {
                var id = UsersCli.One(names, "token id", "tokens revoke k3m9x2p7qa4c");
                var user = await tokens.RevokeAsync(id);
                return [("revoked", id), ("user", user)];
            }

            default:
                throw new UsageException($"unknown action '{action}'");
        }
    }

    private static int Days(string? value)
    {
        if (value is null)
        {
            return ApiTokenStore.DefaultDays;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= ApiTokenStore.MaxDays
            ? days
            : throw new UsageException($"--days takes a whole number of days from 1 to {ApiTokenStore.MaxDays}; got '{value}'");
    }
}
