namespace Ledger.Infrastructure.Users.Model;

/// <summary>An API token as stored: its public id and the SHA-256 of the token, never the token itself.</summary>
public sealed class ApiTokenRecord
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole token text.</summary>
    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}
