using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Users;
using Ledger.Web;
using Ledger.Web.Access;
using Ledger.Web.Api;
using Ledger.Web.Components;
using Ledger.Web.Demo;
using Ledger.Web.Desktop;
using Ledger.Web.Operations;
using Ledger.Web.Security;
using Microsoft.Extensions.Options;

// Operator verbs (backup, restore, copy, users, tokens) run and exit here, before anything of the web app is built.
if (await OperationsCli.RunAsync(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

if (await UsersCli.RunAsync(args, Console.In, Console.Out, Console.Error) is { } usersExitCode)
{
    return usersExitCode;
}

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.HostArgs,
    // A published build (single file or not) keeps wwwroot and appsettings.json beside the executable: find them
    // there wherever it is started from. A build run from the project (dotnet run, the tests) has no wwwroot there.
    ContentRootPath = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")) ? AppContext.BaseDirectory : null,
}).WithoutStaticFileFallback();

// Loopback only unless someone explicitly asks for more (--urls, ASPNETCORE_URLS or "urls" in config).
var listenAddresses = ListenPolicy.ConfiguredAddresses(builder.Configuration);
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls(ListenPolicy.DefaultUrl);
}

// Reachable from other machines only with sign-in on, and over https unless the operator allows plain http.
var signIn = SignInChoice.From(commandLine, builder.Configuration);
if (ListenPolicy.Refusal(listenAddresses, signIn) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return OperationsCli.Failed;
}

builder.Services.AddLedger(options =>
{
    // Bound when the options are first needed, so every configuration source has been added by then.
    builder.Configuration.GetSection(LedgerOptions.SectionName).Bind(options);
    commandLine.ApplyTo(options, builder.Configuration);
});
builder.Services.AddLedgerUi();
var telemetry = TelemetryChoice.From(commandLine, builder.Configuration);
builder.Services.AddLedgerTelemetry(telemetry);
builder.Services.AddLedgerApi();
builder.Services.AddLedgerSignIn(signIn);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

// Held until the app ends, so that restore can tell the file is in use (see DatabaseFileLock). A
// PostgreSQL ledger has no file of its own to hold.
var ledgerOptions = app.Services.GetRequiredService<IOptions<LedgerOptions>>().Value;
DatabaseFileLock? databaseLock = null;
if (!ledgerOptions.UsesPostgres())
{
    try
    {
        databaseLock = DatabaseFileLock.HoldWhileRunning(ledgerOptions.DatabasePath);
    }
    catch (OperationFailedException refused)
    {
        // Straight to standard error: the console logger writes on a background thread and would lose it at exit.
        await Console.Error.WriteLineAsync(refused.Message);
        return OperationsCli.Failed;
    }
}

using var heldUntilExit = databaseLock;
try
{
    await LedgerDatabase.InitializeAsync(app.Services);
    if (signIn.Required)
    {
        await UsersDatabase.InitializeAsync(app.Services);
    }
}
catch (DatabaseUnavailableException e)
{
    // One clear line and a failing exit code: a service manager or script sees why at once.
    await Console.Error.WriteLineAsync($"Ledger cannot start: {e.Message}");
    return 1;
}

if (commandLine.SeedDemo)
{
    // The ledger itself loads it, before anyone can sign in.
    using (Caller.Use(Caller.System))
    {
        await SampleLedger.SeedIfEmptyAsync(app.Services, app.Logger);
    }
}

app.UseContentlessHead();
app.UseLedgerSecurity();

// The UI speaks the browser's language (numbers, amounts, dates); the HTTP API stays culture-invariant.
var uiCulture = UiCulture.Options();
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), ui => ui.UseRequestLocalization(uiCulture));
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseLedgerStatusPages();
app.UseLedgerSignIn(signIn);
app.UseAntiforgery();

// Stylesheets and scripts are the same for everyone, and the sign-in page needs them before anyone has signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapLedgerApi();
app.MapLedgerSignIn(signIn);
app.UseLedgerTelemetry(telemetry);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

var refusedAddresses = false;
app.Lifetime.ApplicationStarted.Register(() =>
{
    // The addresses Kestrel really bound: the check above saw only what the configuration asked for.
    if (ListenPolicy.Refusal(BindingCheck.Addresses(app), signIn) is { } late)
    {
        Console.Error.WriteLine(late);
        refusedAddresses = true;
        app.Lifetime.StopApplication();
        return;
    }

    BindingCheck.WarnIfNotLoopback(app, signIn);
    if (commandLine.Open && BindingCheck.Addresses(app).FirstOrDefault() is { } address)
    {
        OpenBrowser.At(address, BrowserLauncher.ThisMachine, app.Logger);
    }

    if (signIn.Required)
    {
        _ = UsersCheck.WarnIfNoneAsync(app);
    }
});
await app.RunAsync();
return refusedAddresses ? OperationsCli.Failed : 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
