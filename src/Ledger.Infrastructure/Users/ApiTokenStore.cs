using Ledger.Infrastructure.Users.Model;

namespace Ledger.Infrastructure.Users;

/// <summary>A token as the command line lists it; the token's text is never kept, so it cannot be listed.</summary>
public sealed record ApiTokenSummary(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public string StatusAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}

/// <summary>A newly made token: <see cref="Token"/> is shown once and then exists nowhere but with its holder.</summary>
public sealed record IssuedApiToken(string Id, string Token, DateTimeOffset ExpiresAt);

/// <summary>Who a valid token acts for, or why it does not count.</summary>
public sealed record ApiTokenCheck(string? UserName, string? Role, string? Failure)
{
    public bool Valid => Failure is null;
}

/// <summary>Makes, lists, revokes and checks API tokens. Each token acts as its user, with the user's role at the time of each request.</summary>
public sealed class ApiTokenStore(UsersDbContext db, UserDirectory directory, TimeProvider time)
{
    public const int DefaultDays = 90;

    /// <summary>A token that never expires is a token nobody remembers to revoke.</summary>
    public const int MaxDays = 366;

    public async Task<IssuedApiToken> CreateAsync(string userName, int days)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new UsersRefusedException($"A token lasts 1 to {MaxDays} days; got {days}.");
        }

        var user = await directory.FindAsync(userName);
        var now = time.GetUtcNow();
        var (id, token) = ApiTokenSecret.New();
        var record = new ApiTokenRecord
        {
            Id = id,
            UserId = user.Id,
            TokenHash = ApiTokenSecret.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync();
        return new IssuedApiToken(id, token, record.ExpiresAt);
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string userName)
    {
        var user = await directory.FindAsync(userName);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).ToListAsync();
        return tokens.OrderBy(t => t.CreatedAt).Select(t => new ApiTokenSummary(t.Id, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToArray();
    }

    /// <summary>Kept, marked revoked, so the list still shows what existed; revoking twice changes nothing.</summary>
    public async Task<string> RevokeAsync(string id)
    {
        var record = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id)
            ?? throw new UsersRefusedException($"There is no token '{id}'.");
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == record.UserId);
        if (record.RevokedAt is null)
        {
            record.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync();
        }

        return user.UserName!;
    }

    /// <summary>One read by primary key, then the user's role: revocation, expiry and role changes count from the next request.</summary>
    public async Task<ApiTokenCheck> CheckAsync(string token, CancellationToken cancellationToken = default)
    {
        if (ApiTokenSecret.IdOf(token) is not { } id)
        {
            return new ApiTokenCheck(null, null, "The bearer token is not a Ledger API token.");
        }

        var record = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (record is null || !ApiTokenSecret.Matches(token, record.TokenHash))
        {
            return new ApiTokenCheck(null, null, "The bearer token is not known.");
        }

        if (record.RevokedAt is not null)
        {
            return new ApiTokenCheck(null, null, "The bearer token has been revoked.");
        }

        if (record.ExpiresAt <= time.GetUtcNow())
        {
            return new ApiTokenCheck(null, null, "The bearer token has expired.");
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == record.UserId, cancellationToken);
        return user is null
            ? new ApiTokenCheck(null, null, "The bearer token's user no longer exists.")
            : new ApiTokenCheck(user.UserName, await directory.RoleOfAsync(user), null);
    }
}
