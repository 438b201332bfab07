using System.Globalization;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// Names in the order a person reads them, the same on both engines: letters first, then accents, then case, so
/// "bob" sits beside "Bob" and "Élise" among the Es rather than after "Zoë" (where byte order, and lower(), put her).
/// PostgreSQL has it built in as ICU's root collation; SQLite gets the same ICU order from .NET, as a collation
/// each connection registers (<see cref="Sqlite.SqliteConnectionSetup"/>).
/// </summary>
public static class NaturalOrder
{
    public const string SqliteCollation = "LEDGER_NATURAL";

    public const string PostgresCollation = "und-x-icu";

    public static string CollationFor(bool postgres) => postgres ? PostgresCollation : SqliteCollation;

    public static int Compare(string? left, string? right) => string.Compare(left, right, CultureInfo.InvariantCulture, CompareOptions.None);
}
