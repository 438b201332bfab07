using Ledger.Infrastructure.Users;
using Ledger.Infrastructure.Users.Model;
using Ledger.Web.Access;
using Ledger.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the Ledger.Web namespace so that Program.cs needs no extra using for its calls.
namespace Ledger.Web;

/// <summary>
/// Sign-in (<c>--auth on</c>): Identity's cookie for the UI, API tokens for programs, one role per user. With sign-in
/// off nothing here is registered and the app behaves exactly as without it.
/// </summary>
public static class SignInSetup
{
    /// <summary>Picks the API token scheme for an API request that carries one, and the sign-in cookie for everything else.</summary>
    public const string Scheme = "Ledger";

    public const string CookieName = "Ledger.SignIn";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddLedgerSignIn(this IServiceCollection services, SignInChoice choice)
    {
        services.Configure<AccessOptions>(o => o.SignInRequired = choice.Required);
        if (!choice.Required)
        {
            return services;
        }

        services.AddLedgerUsers().AddSignInManager();
        services.AddAuthentication(o => o.DefaultScheme = Scheme)
            .AddPolicyScheme(Scheme, "Sign-in cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiAccessGuard.IsGuarded(context.Request) && ApiTokenAuthentication.BearerToken(context.Request) is not null
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;

            // Secure over https; plain http only where the operator allowed it (loopback, or --allow-http).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = CookieLifetime;
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidatingUserState.Interval);

        // Every page and the Blazor hub need a signed-in user with a role; the login page and static files opt out.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(LedgerRoles.All).Build());

        // In the database, so sign-ins survive a restart and every instance on the database reads every cookie.
        services.AddDataProtection().SetApplicationName("Ledger").PersistKeysToDbContext<UsersDbContext>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingUserState>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CallerCircuitHandler>());
        services.AddScoped<PasswordSignIn>();
        return services;
    }

    /// <summary>After the host and origin checks, before antiforgery (which binds its tokens to the signed-in user).</summary>
    public static WebApplication UseLedgerSignIn(this WebApplication app, SignInChoice choice)
    {
        if (choice.Required)
        {
            app.UseAuthentication();
            app.UseMiddleware<ApiAccessGuard>();
            app.UseAuthorization();
        }

        return app;
    }

    public static WebApplication MapLedgerSignIn(this WebApplication app, SignInChoice choice)
    {
        if (choice.Required)
        {
            app.MapPost("/logout", SignOutAsync).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("~/login");
    }
}
