namespace Ledger.Api.Tests.Security;

/// <summary>
/// Someone who copies the database file learns no password and no API token: the bytes of the file (and its
/// write-ahead log) hold neither, in UTF-8 or UTF-16, only their hashes.
/// </summary>
public sealed class StoredSecretsTests(SignInApp app) : IClassFixture<SignInApp>
{
    [SqliteOnlyFact("reads the bytes of the database file and its write-ahead log")]
    public async Task TheDatabaseFiles_HoldNoPasswordAndNoToken_OnlyTheirHashes()
    {
        // Used once each, so whatever a sign-in or a token check writes is in the files too.
        Assert.NotNull((await app.SignInAsync(SignInApp.Clerk, SignInApp.PasswordOf(SignInApp.Clerk))).Cookie);
        using (var used = await app.SendAsync(SignInApp.Viewer, HttpMethod.Get, "/api/status"))
        {
            await used.OkJsonAsync();
        }

        var path = (app.Factory.Database as SqliteTestDatabase)!.Path;
        var bytes = Read(path).Concat(Read(path + "-wal")).ToArray();

        foreach (var user in new[] { SignInApp.Viewer, SignInApp.Clerk, SignInApp.Admin })
        {
            AssertAbsent(bytes, SignInApp.PasswordOf(user));
        }

        foreach (var token in app.Tokens.Values)
        {
            AssertAbsent(bytes, token);
            AssertAbsent(bytes, token[(ApiTokenSecret.Prefix.Length + ApiTokenSecret.IdLength + 1)..]);

            // The control: the scan does see the tokens' rows.
            Assert.True(Contains(bytes, Encoding.UTF8.GetBytes(ApiTokenSecret.Hash(token))), "the token's hash is not in the files: the scan read the wrong files");
        }
    }

    private static void AssertAbsent(byte[] haystack, string secret)
    {
        Assert.False(Contains(haystack, Encoding.UTF8.GetBytes(secret)), $"'{secret}' is in the database file (UTF-8)");
        Assert.False(Contains(haystack, Encoding.Unicode.GetBytes(secret)), $"'{secret}' is in the database file (UTF-16)");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
