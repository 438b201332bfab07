using System.Globalization;

namespace Ledger.Infrastructure.Application.Queries;

/// <summary>Reads a <see cref="GetComparisonQuery"/> with <see cref="ComparisonStatements"/>, all from one snapshot of the database.</summary>
internal static class ComparisonReader
{
    public static async ValueTask<ComparisonView> ReadAsync(SqlEngine engine, GetComparisonQuery query, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var pattern = string.IsNullOrWhiteSpace(query.Search) ? null : SearchText.PatternFor(engine, query.Search.Trim());
        await using var connection = await engine.OpenAsync(ConnectionUse.Read, cancellationToken);
        await using var transaction = engine.BeginRead(connection);
        var moments = new (string, object?)[]
        {
            ("@from", engine.Instant(query.From)), ("@to", engine.Instant(to)), ("@known", engine.Instant(KnownAt.OrEverything(query.KnownAt))),
        };

        var totals = await TotalsAsync(engine, transaction, moments, cancellationToken);
        var total = pattern is null
            ? totals.Sum(t => t.Accounts)
            : (int)(await Command(transaction, ComparisonStatements.Count(engine), moments, ("@pattern", pattern)).ScalarInt64Async(cancellationToken) ?? 0);
        var pageSize = query.PageSize is { } size ? Math.Clamp(size, 1, GetComparisonQuery.MaxPageSize) : Math.Max(total, 1);
        var skip = (long)(page - 1) * pageSize;
        var rows = skip >= total ? [] : await RowsAsync(engine, transaction, moments, pattern, skip, pageSize, cancellationToken);
        var (backdated, backdatedAccounts) = await BackdatedAsync(engine, transaction, query.From, moments[2].Item2, cancellationToken);
        return new ComparisonView(query.From, to, query.KnownAt, rows, totals)
        {
            Total = total,
            Page = page,
            PageSize = pageSize,
            BackdatedEvents = backdated,
            BackdatedAccounts = backdatedAccounts,
        };
    }

    /// <summary>Entries that occurred by <paramref name="at"/> but were recorded after it: what makes a report for that moment read differently now.</summary>
    public static async Task<(long Events, int Accounts)> BackdatedAsync(SqlEngine engine, DbTransaction transaction, DateTimeOffset at, object? known, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, ComparisonStatements.Backdated, [("@at", engine.Instant(at)), ("@known", known)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))
            : (0, 0);
    }

    private static async Task<CurrencyComparison[]> TotalsAsync(SqlEngine engine, DbTransaction transaction, (string, object?)[] moments, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, ComparisonStatements.Totals(engine), moments);
        var totals = new List<CurrencyComparison>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(0);
            totals.Add(new CurrencyComparison(
                currency,
                Amounts.FromMinorUnits(reader.GetInt64(1), currency),
                Amounts.FromMinorUnits(reader.GetInt64(2), currency),
                Count(reader, 3), Count(reader, 4), Count(reader, 5)));
        }

        return [.. totals];
    }

    private static async Task<AccountComparison[]> RowsAsync(
        SqlEngine engine, DbTransaction transaction, (string, object?)[] moments, string? pattern, long skip, int take, CancellationToken cancellationToken)
    {
        (string, object?)[] paging = pattern is null
            ? [("@take", (long)take), ("@skip", skip)]
            : [("@take", (long)take), ("@skip", skip), ("@pattern", pattern)];
        await using var command = Command(transaction, ComparisonStatements.Page(engine, pattern is not null), [.. moments, .. paging]);
        var rows = new List<AccountComparison>(Math.Min(take, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var currency = reader.GetString(2);
            rows.Add(new AccountComparison(
                reader.GetString(0), reader.GetString(1), currency,
                Money(reader, 3, currency), Status(reader, 4), Version(reader, 5),
                Money(reader, 6, currency), Status(reader, 7), Version(reader, 8)));
        }

        return [.. rows];
    }

    private static DbCommand Command(DbTransaction transaction, string sql, (string Name, object? Value)[] parameters, params (string Name, object? Value)[] more)
    {
        var command = SqlCommands.Create(transaction.Connection!, transaction, sql);
        foreach (var (name, value) in parameters.Concat(more))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static int Count(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static decimal? Money(DbDataReader reader, int ordinal, string currency) =>
        reader.IsDBNull(ordinal) ? null : Amounts.FromMinorUnits(reader.GetInt64(ordinal), currency);

    private static AccountStatus? Status(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Enum.Parse<AccountStatus>(reader.GetString(ordinal));

    private static long? Version(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
