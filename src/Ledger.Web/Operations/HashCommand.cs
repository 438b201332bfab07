namespace Ledger.Web.Operations;

/// <summary>
/// <c>hash</c>: a ledger's event count, head position and content hash, the figures <c>backup</c>, <c>restore</c> and
/// <c>copy</c> print, for any engine: so a PostgreSQL ledger restored with pg_restore can be checked against its source.
/// </summary>
internal static class HashCommand
{
    public const string Help =
        "usage: hash [--db PATH | --postgres \"Host=...;Database=...;Username=...\"]   (prints the ledger's event count, head position and content hash)";

    public static async Task RunAsync(Arguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        arguments.RequireOnly("--db", "--postgres");
        var options = CliDatabase.Options(arguments);
        if (!options.UsesPostgres() && !File.Exists(options.DatabasePath))
        {
            throw new OperationFailedException($"There is no SQLite ledger at {Path.GetFullPath(options.DatabasePath)}.");
        }

        var fingerprint = await LedgerFile.FingerprintAsync(
            o =>
            {
                o.Provider = options.Provider;
                o.ConnectionString = options.ConnectionString;
                o.DatabasePath = options.DatabasePath;
            },
            cancellationToken);
        await OperationsCli.PrintAsync(output,
        [
            ("database", CliDatabase.Name(options)),
            ("events", fingerprint.EventCount),
            ("head", fingerprint.HeadPosition),
            ("hash", fingerprint.ContentHash),
        ]);
    }
}
