using System.Text.RegularExpressions;
using Ledger.Reliability.Tests.Operations;

namespace Ledger.Reliability.Tests.Http;

/// <summary>The real app with sign-in on, users made with the real command line, and a browser's sign-in over HTTP.</summary>
internal static partial class SignedInApp
{
    public static string PasswordOf(string user) => $"{user}'s long passphrase 2026";

    public static Task AddUserAsync(string database, string name, string role) => AddUserAsync(["--db", database], name, role);

    /// <summary>The same on any test database, named by its engine's command-line options.</summary>
    public static Task AddUserAsync(TestDatabase database, string name, string role) => AddUserAsync(database.CommandLine.ToArray(), name, role);

    private static async Task AddUserAsync(string[] databaseOptions, string name, string role)
    {
        var added = await LedgerCli.RunWithInputAsync(PasswordOf(name) + "\n", ["users", "add", name, "--role", role, .. databaseOptions]);
        Assert.True(added.ExitCode == 0, added.ToString());
    }

    public static async Task<(string Id, string Token)> TokenAsync(string database, string name)
    {
        var created = await LedgerCli.RunAsync("tokens", "create", name, "--db", database);
        Assert.True(created.ExitCode == 0, created.ToString());
        return (created.Fact("id"), created.Fact("token"));
    }

    /// <summary>Starts the app with sign-in on, on a loopback port; <paramref name="home"/> (HOME and the content root) keeps its file-system state apart from any other instance's.</summary>
    public static Task<LedgerWebProcess> StartAsync(TestDatabase database, string? home = null)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["Ledger__Auth"] = "on" };
        if (home is not null)
        {
            environment["HOME"] = home;
        }

        return LedgerWebProcess.StartAsync(new LedgerWebStartInfo(database)
        {
            Port = AppProcess.FreePort(),
            Environment = "Production",
            WorkingDirectory = home ?? Path.GetDirectoryName(LedgerWebBuild.Dll())!,
            ReadinessPath = "/health",
            StartTimeout = TimeSpan.FromSeconds(60),
            ExtraEnvironment = environment,
        });
    }

    /// <summary>Signs in at /login as a browser does; returns the sign-in cookie ("Ledger.SignIn=...").</summary>
    public static async Task<string> SignInAsync(LedgerWebProcess app, string user)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };
        using var form = await http.GetAsync("/login");
        var html = await form.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = user,
                ["Input.Password"] = PasswordOf(user),
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("Ledger.SignIn=", StringComparison.Ordinal));
    }

    /// <summary>A page as the cookie's holder sees it: the HTML, or null when the app sends them to sign in.</summary>
    public static async Task<string?> PageAsync(LedgerWebProcess app, string path, string cookie)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
