namespace Ledger.Web.Operations;

/// <summary>The database a verb works on, found the way the app finds it, so both always agree.</summary>
internal static class CliDatabase
{
    /// <summary>
    /// The options the app would run with: appsettings.json and the environment, then <c>--db</c> or
    /// <c>--postgres</c> from the verb's arguments, LEDGER_POSTGRES, LEDGER_DB (see <see cref="CommandLine.ApplyTo"/>).
    /// </summary>
    public static LedgerOptions Options(Arguments arguments)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new LedgerOptions();
        configuration.GetSection(LedgerOptions.SectionName).Bind(options);
        new CommandLine([], arguments.Optional("--db"), false) { PostgresConnectionString = arguments.Optional("--postgres") }.ApplyTo(options, configuration);
        return options;
    }

    /// <summary>
    /// Which ledger a verb's output is about: the SQLite file's full path, or the PostgreSQL server and database (never the
    /// password), so two databases on one server (a ledger and its restored copy) are told apart in what hash and copy print.
    /// </summary>
    public static string Name(LedgerOptions options)
    {
        if (!options.UsesPostgres())
        {
            return Path.GetFullPath(options.DatabasePath);
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"{postgres.Host ?? "localhost"}:{postgres.Port}/{postgres.Database ?? postgres.Username} (postgres)";
    }

    /// <summary>The SQLite file a file-level verb (backup, restore) works on; a PostgreSQL ledger is refused with what to use instead.</summary>
    public static string Resolve(Arguments arguments)
    {
        var options = Options(arguments);
        if (options.UsesPostgres())
        {
            throw new OperationFailedException(
                "This ledger is on PostgreSQL: back it up with pg_dump -Fc and restore it with pg_restore (see the README), then compare both sides' event counts and content hashes with the hash verb.");
        }

        return Path.GetFullPath(options.DatabasePath);
    }
}
