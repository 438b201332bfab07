using Ledger.Infrastructure;

namespace Ledger.Web.Operations;

/// <summary>The database a verb works on, found the way the app finds it, so both always agree.</summary>
internal static class CliDatabase
{
    /// <summary>--db, then LEDGER_DB, then Ledger:DatabasePath (appsettings.json, env Ledger__DatabasePath), then the default.</summary>
    public static string Resolve(Arguments arguments)
    {
        if (new CommandLine([], arguments.Optional("--db"), false).ResolveDatabasePath() is { } path)
        {
            return Path.GetFullPath(path);
        }

        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var configured = configuration[$"{LedgerOptions.SectionName}:{nameof(LedgerOptions.DatabasePath)}"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? LedgerOptions.DefaultDatabasePath() : configured);
    }
}
