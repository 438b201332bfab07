using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage;
using Ledger.Web;
using Ledger.Web.Components;
using Ledger.Web.Demo;
using Ledger.Web.Operations;
using Microsoft.Extensions.Options;

// Operator verbs (backup, restore) run and exit here, before anything of the web app is built.
if (await OperationsCli.RunAsync(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostArgs);

// Loopback only unless someone explicitly asks for more (--urls, ASPNETCORE_URLS or "urls" in config).
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
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
}
catch (DatabaseUnavailableException e)
{
    // One clear line and a failing exit code: a service manager or script sees why at once.
    await Console.Error.WriteLineAsync($"Ledger cannot start: {e.Message}");
    return 1;
}

if (commandLine.SeedDemo)
{
    await SampleLedger.SeedIfEmptyAsync(app.Services, app.Logger);
}

app.UseLedgerSecurity();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapLedgerApi();
app.UseLedgerTelemetry(telemetry);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => BindingCheck.WarnIfNotLoopback(app));
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
