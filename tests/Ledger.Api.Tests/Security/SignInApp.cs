using System.Text.RegularExpressions;
using Ledger.Infrastructure.Users.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The whole app with sign-in on (<c>Ledger:Auth=on</c>) over a fresh database of the suite's engine, with three users (vera the viewer,
/// carl the clerk, ada the admin), a token each, and two more of carl's: one expired, one revoked.
/// </summary>
public sealed partial class SignInApp : IAsyncLifetime
{
    public const string Viewer = "vera";
    public const string Clerk = "carl";
    public const string Admin = "ada";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string Anonymous = "anonymous";

    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, string> settings = new() { ["Ledger:Auth"] = "on" };
    private readonly Action<IServiceCollection>? services;

    /// <summary>For a test that needs its own settings (or logging); call <see cref="InitializeAsync"/> and dispose it yourself.</summary>
    internal SignInApp(IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            this.settings[key] = value;
        }

        this.services = services;
    }

    public SignInApp()
        : this(null, null)
    {
    }

    public LedgerApiFactory Factory { get; private set; } = null!;

    /// <summary>Sends no credentials of its own and follows no redirects, so a test sees exactly what the app answered.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Tokens => tokens;

    public static string PasswordOf(string user) => $"{user}'s long passphrase 2026";

    public async Task InitializeAsync()
    {
        Factory = await LedgerApiFactory.CreateAsync(services: services, settings: settings);
        Client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        await AddUserAsync(Viewer, LedgerRoles.Viewer);
        await AddUserAsync(Clerk, LedgerRoles.Clerk);
        await AddUserAsync(Admin, LedgerRoles.Admin);
        foreach (var user in new[] { Viewer, Clerk, Admin })
        {
            tokens[user] = (await InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().CreateAsync(user, 30))).Token;
        }

        var expired = await InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().CreateAsync(Clerk, 1));
        await InScopeAsync(s => s.GetRequiredService<UsersDbContext>().ApiTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        tokens[Expired] = expired.Token;
        var revoked = await InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().CreateAsync(Clerk, 30));
        await InScopeAsync(s => s.GetRequiredService<ApiTokenStore>().RevokeAsync(revoked.Id));
        tokens[Revoked] = revoked.Token;
    }

    public Task AddUserAsync(string name, string role) =>
        InScopeAsync(s => s.GetRequiredService<UserDirectory>().AddAsync(name, role, PasswordOf(name)));

    public Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => Factory.Services.InScopeAsync(work);

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => Factory.Services.InScopeAsync(work);

    /// <summary>A request as <paramref name="who"/>: a user's (or the expired or revoked) token, or no credentials.</summary>
    public Task<HttpResponseMessage> SendAsync(string who, HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (tokens.TryGetValue(who, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    public async Task<long> EventCountAsync()
    {
        using var response = await SendAsync(Admin, HttpMethod.Get, "/api/status");
        return (await response.OkJsonAsync()).GetProperty("eventCount").GetInt64();
    }

    /// <summary>Signs in through the /login form as a browser does; returns the sign-in cookie, or null when refused, and the page.</summary>
    public async Task<(string? Cookie, string Page)> SignInAsync(string user, string password)
    {
        using var response = await PostLoginAsync(user, password);
        var page = await response.Content.ReadAsStringAsync();
        var cookie = SignInCookie(response)?.Split(';')[0];
        Assert.True(cookie is null ? response.StatusCode == HttpStatusCode.OK : response.StatusCode == HttpStatusCode.Found, $"{(int)response.StatusCode}: {page}");
        return (cookie, page);
    }

    /// <summary>Posts the /login form with the token its page carries, as a browser does; the app's answer as it is.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string user, string password)
    {
        using var form = await Client.GetAsync("/login");
        var html = await form.Content.ReadAsStringAsync();
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = AntiforgeryToken(html),
                ["Input.UserName"] = user,
                ["Input.Password"] = password,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        return await Client.SendAsync(request);
    }

    /// <summary>A request as a browser holding <paramref name="cookies"/> (name=value pairs) sends it.</summary>
    public Task<HttpResponseMessage> SendWithCookiesAsync(HttpRequestMessage request, params IEnumerable<string> cookies)
    {
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetWithCookiesAsync(string path, params IEnumerable<string> cookies) =>
        SendWithCookiesAsync(new HttpRequestMessage(HttpMethod.Get, path), cookies);

    /// <summary>The cookies an answer sets, as the name=value pairs a browser sends back.</summary>
    public static string[] CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) ? [.. set.Select(c => c.Split(';')[0])] : [];

    /// <summary>The whole Set-Cookie line (value and attributes) of the sign-in cookie, if the answer sets it.</summary>
    public static string? SignInCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.FirstOrDefault(c => c.StartsWith(Ledger.Web.SignInSetup.CookieName + "=", StringComparison.Ordinal))
            : null;

    public static string AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
