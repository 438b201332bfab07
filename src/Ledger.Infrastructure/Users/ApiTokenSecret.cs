using System.Security.Cryptography;
using System.Text;

namespace Ledger.Infrastructure.Users;

/// <summary>
/// The text of an API token, <c>ldg_{id}_{secret}</c>: a public id (to list and revoke it, and to find its row) and
/// 256 random bits. Only the SHA-256 of the whole text is stored; a fast hash is enough for a secret this long,
/// where a password needs a slow one.
/// </summary>
public static class ApiTokenSecret
{
    public const string Prefix = "ldg_";
    public const int IdLength = 12;

    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static (string Id, string Token) New()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id a token names, or null when the text is not shaped like a token at all.</summary>
    public static string? IdOf(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length != Prefix.Length + IdLength + 1 + 43 || token[Prefix.Length + IdLength] != '_')
        {
            return null;
        }

        var id = token.Substring(Prefix.Length, IdLength);
        return id.All(c => IdAlphabet.Contains(c, StringComparison.Ordinal)) ? id : null;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much of a guess was right.</summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
