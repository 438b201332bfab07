using Ledger.Infrastructure;
using Ledger.Infrastructure.Storage;
using Ledger.Web;
using Ledger.Web.Components;
using Ledger.Web.Demo;

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
builder.Services.AddLedgerApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
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
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => BindingCheck.WarnIfNotLoopback(app));
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
