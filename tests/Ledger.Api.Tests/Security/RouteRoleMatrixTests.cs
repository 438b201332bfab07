using Ledger.Web.Api;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Api.Tests.Security;

/// <summary>The matrix app: sign-in on, metrics served, and the accounts the commands act on.</summary>
public sealed class MatrixApp : IAsyncLifetime
{
    public SignInApp App { get; } = new(new Dictionary<string, string> { ["Ledger:Metrics"] = "true" }, null);

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        foreach (var (id, deposit) in new[] { ("MATRIX-1", 100m), ("MATRIX-2", 0m), ("MATRIX-EMPTY", 0m) })
        {
            using var opened = await App.SendAsync(SignInApp.Admin, HttpMethod.Post, "/api/accounts",
                Api.Json(new { accountId = id, holderId = "h", currency = "EUR", initialDeposit = deposit }));
            await opened.OkJsonAsync(HttpStatusCode.Created);
        }
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Every API route against every kind of caller: nobody, a viewer, a clerk, an admin, an expired token and a revoked
/// one. Refusals are 401 <c>unauthenticated</c> (with <c>WWW-Authenticate: Bearer</c>) or 403 <c>forbidden</c> and
/// write nothing; what a role may do succeeds. A route added without a line here fails the first test.
/// </summary>
public sealed class RouteRoleMatrixTests(MatrixApp matrix) : IClassFixture<MatrixApp>
{
    /// <summary>Each route once; every GET also answers HEAD, the same read without the content (ReadRoutes).</summary>
    private static readonly Route[] Mapped =
    [
        new("POST", "/api/accounts", Permission.ManageAccounts, """{"holderId": "h", "currency": "EUR", "initialDeposit": 1}"""),
        new("POST", "/api/accounts/{id}/deposits", Permission.MoveMoney, """{"amount": 1, "transactionReference": "m"}"""),
        new("POST", "/api/accounts/{id}/withdrawals", Permission.MoveMoney, """{"amount": 1, "transactionReference": "m"}"""),
        new("POST", "/api/accounts/{id}/close", Permission.ManageAccounts, """{"reason": "matrix"}""", Account: "MATRIX-EMPTY"),
        new("POST", "/api/transfers", Permission.MoveMoney, """{"fromAccountId": "MATRIX-1", "toAccountId": "MATRIX-2", "amount": 1}"""),
        new("GET", "/api/accounts", Permission.Read),
        new("GET", "/api/accounts/{id}", Permission.Read),
        new("GET", "/api/accounts/{id}/events", Permission.Read),
        new("GET", "/api/accounts/{id}/state", Permission.Read, Query: "?version=1"),
        new("GET", "/api/balances", Permission.Read),
        new("GET", "/api/accounts/{id}/statement", Permission.Read),
        new("GET", "/api/accounts/{id}/explain", Permission.Read),
        new("GET", "/api/compare", Permission.Read, Query: "?from=2020-01-01T00:00:00Z"),
        new("GET", "/api/events", Permission.Read),
        new("GET", "/api/status", Permission.Read),
        new("GET", "/openapi/{documentName}.json", Permission.Read),
        new("GET", "/metrics", Permission.Read),
        new("GET", "/health", null),
    ];

    // After Mapped: static fields are set in the order they are written.
    private static readonly Route[] Routes = [.. Mapped, .. Mapped.Where(r => r.Method == "GET").Select(r => r with { Method = "HEAD" })];

    private static readonly string[] Callers = [SignInApp.Anonymous, SignInApp.Viewer, SignInApp.Clerk, SignInApp.Admin, SignInApp.Expired, SignInApp.Revoked];

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var route in Routes)
        {
            foreach (var caller in Callers)
            {
                cases.Add(route.Method, route.Template, caller);
            }
        }

        return cases;
    }

    [Fact]
    public void EveryRouteTheAppServesToPrograms_IsInTheMatrix()
    {
        var served = matrix.App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"], Template: "/" + e.RoutePattern.RawText!.Trim('/')))
            .Where(e => e.Template.StartsWith("/api", StringComparison.Ordinal) || e.Template is "/health" or "/metrics" || e.Template.StartsWith("/openapi", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(method => $"{method} {e.Template}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Routes.Select(r => $"{r.Method} {r.Template}").Order(StringComparer.Ordinal), served);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryRoute_AnswersEachCaller_AsItsRoleAllows(string method, string template, string caller)
    {
        var route = Routes.Single(r => r.Method == method && r.Template == template);
        var before = await matrix.App.EventCountAsync();
        using var response = await matrix.App.SendAsync(caller, new HttpMethod(method), route.Path, route.Body);

        if (route.Needs is not { } permission)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else if (caller is SignInApp.Anonymous or SignInApp.Expired or SignInApp.Revoked)
        {
            await RefusedAsync(response, method, HttpStatusCode.Unauthorized, AccessCodes.Unauthenticated);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(before, await matrix.App.EventCountAsync());
        }
        else if (!LedgerRoles.Grants(RoleOf(caller), permission))
        {
            if (await RefusedAsync(response, method, HttpStatusCode.Forbidden, AccessCodes.Forbidden) is { } problem)
            {
                Assert.Contains($"needs the {LedgerRoles.LeastFor(permission)} role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            Assert.Equal(before, await matrix.App.EventCountAsync());
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{caller} {method} {route.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The refusal's problem, or for a HEAD (which carries no content) null once its status and type are right.</summary>
    private static async Task<JsonElement?> RefusedAsync(HttpResponseMessage response, string method, HttpStatusCode status, string code)
    {
        if (method != "HEAD")
        {
            return await response.ProblemAsync(status, code);
        }

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return null;
    }

    [Fact]
    public async Task AnExpiredOrRevokedToken_IsToldWhy()
    {
        using var expired = await matrix.App.SendAsync(SignInApp.Expired, HttpMethod.Get, "/api/status");
        var problem = await expired.ProblemAsync(HttpStatusCode.Unauthorized, AccessCodes.Unauthenticated);
        Assert.StartsWith("The bearer token has expired.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString());

        using var revoked = await matrix.App.SendAsync(SignInApp.Revoked, HttpMethod.Get, "/api/status");
        problem = await revoked.ProblemAsync(HttpStatusCode.Unauthorized, AccessCodes.Unauthenticated);
        Assert.StartsWith("The bearer token has been revoked.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoToken_IsAskedForOne_AndAForgedToken_IsToldItIsNotOne()
    {
        using var anonymous = await matrix.App.SendAsync(SignInApp.Anonymous, HttpMethod.Get, "/api/status");
        var problem = await anonymous.ProblemAsync(HttpStatusCode.Unauthorized, AccessCodes.Unauthenticated);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Sign in first: send Authorization: Bearer <token> (make one with: tokens create NAME).", problem.GetProperty("detail").GetString());

        using var forged = await matrix.App.SendAsync(SignInApp.Anonymous, HttpMethod.Get, "/api/status", null, ("Authorization", "Bearer made-up-by-someone"));
        problem = await forged.ProblemAsync(HttpStatusCode.Unauthorized, AccessCodes.Unauthenticated);
        Assert.Equal("Bearer error=\"invalid_token\"", forged.Headers.WwwAuthenticate.ToString());
        Assert.Equal("The bearer token is not a Ledger API token. Make a new one with: tokens create NAME.", problem.GetProperty("detail").GetString());
    }

    /// <summary>
    /// A guarded path with no permission of its own (/metrics takes only GET; an API path nobody mapped): reading it
    /// needs Read, anything else the admin role, so a lesser role learns nothing about what it may not change. The
    /// admin is let through to what the app answers a method or path it does not serve: 405 or 404, never a change.
    /// </summary>
    [Theory]
    [InlineData(SignInApp.Viewer, "POST", "/metrics", HttpStatusCode.Forbidden)]
    [InlineData(SignInApp.Clerk, "POST", "/metrics", HttpStatusCode.Forbidden)]
    [InlineData(SignInApp.Admin, "POST", "/metrics", HttpStatusCode.MethodNotAllowed)]
    [InlineData(SignInApp.Clerk, "DELETE", "/api/accounts/MATRIX-1", HttpStatusCode.Forbidden)]
    [InlineData(SignInApp.Admin, "DELETE", "/api/accounts/MATRIX-1", HttpStatusCode.MethodNotAllowed)]
    [InlineData(SignInApp.Viewer, "GET", "/api/no-such-route", HttpStatusCode.NotFound)]
    [InlineData(SignInApp.Viewer, "HEAD", "/api/no-such-route", HttpStatusCode.NotFound)]
    [InlineData(SignInApp.Clerk, "PUT", "/api/no-such-route", HttpStatusCode.Forbidden)]
    [InlineData(SignInApp.Admin, "PUT", "/api/no-such-route", HttpStatusCode.NotFound)]
    public async Task ARouteWithoutItsOwnPermission_IsReadOnlyBelowAdmin(string caller, string method, string path, HttpStatusCode expected)
    {
        var before = await matrix.App.EventCountAsync();
        using var response = await matrix.App.SendAsync(caller, new HttpMethod(method), path, "{}");

        if (expected == HttpStatusCode.Forbidden)
        {
            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, AccessCodes.Forbidden);
            Assert.Contains($"needs the {LedgerRoles.Admin} role", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else if (method == "HEAD")
        {
            Assert.Equal(expected, response.StatusCode);
        }
        else
        {
            await response.ProblemAsync(expected, expected == HttpStatusCode.NotFound ? UnservedRequests.RouteNotFoundCode : UnservedRequests.MethodNotAllowedCode);
        }

        Assert.Equal(before, await matrix.App.EventCountAsync());
    }

    [Fact]
    public async Task AForbiddenCaller_IsRefusedBeforeTheBodyIsRead()
    {
        using var response = await matrix.App.SendAsync(SignInApp.Viewer, HttpMethod.Post, "/api/accounts/MATRIX-1/deposits", "{not json");
        await response.ProblemAsync(HttpStatusCode.Forbidden, AccessCodes.Forbidden);
    }

    private static string RoleOf(string caller) => caller switch
    {
        SignInApp.Viewer => LedgerRoles.Viewer,
        SignInApp.Clerk => LedgerRoles.Clerk,
        _ => LedgerRoles.Admin,
    };

    /// <summary>A route as the app maps it, and what calling it takes: a body, a query, the account it acts on.</summary>
    private sealed record Route(string Method, string Template, Permission? Needs, string? Body = null, string? Query = null, string Account = "MATRIX-1")
    {
        /// <summary>The template filled in (the account, OpenAPI's document), with the query the route needs.</summary>
        public string Path => Template.Replace("{id}", Account, StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal) + Query;
    }
}
