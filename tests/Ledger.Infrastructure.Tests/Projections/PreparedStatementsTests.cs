using Ledger.Infrastructure.Storage.Sql;

namespace Ledger.Infrastructure.Tests.Projections;

/// <summary>
/// On PostgreSQL the statements a delivery runs per event are prepared once per connection and then only
/// executed. Npgsql runs a statement whose parameter types differ from those it was prepared with unprepared,
/// parsed and planned again each time; an untyped NULL goes as "unknown", a string as text. So the statement
/// line's insert, prepared with an account's opening (no reference, no counterparty), was planned anew for
/// every deposit after it: 0.8 ms of server time a line, the read model's whole budget under load (M2-pg).
/// </summary>
public sealed class PreparedStatementsTests
{
    [PostgresOnlyFact("SQLite statements are prepared explicitly, whatever their values")]
    public async Task StatementLines_WithAndWithoutReferencesDescriptionsAndCounterparties_RunOneStatementPreparedOnce()
    {
        await using var ledger = await TestLedger.StartAsync();
        await ledger.Mediator.Send(new OpenAccountCommand("A", "h", null, "EUR", 100m));
        await ledger.Mediator.Send(new OpenAccountCommand("B", "h", null, "EUR", 0m));
        const int Moves = 12;
        for (var i = 0; i < Moves; i++)
        {
            // Every shape of line, in turn: a description or none, a counterparty or none.
            if (i % 3 == 0)
            {
                await ledger.Mediator.Send(new DepositMoneyCommand("A", 1m, $"d{i}"));
            }
            else if (i % 3 == 1)
            {
                await ledger.Mediator.Send(new WithdrawMoneyCommand("A", 1m, $"w{i}", "with words"));
            }
            else
            {
                await ledger.Mediator.Send(new TransferMoneyCommand(null, "A", "B", 1m));
            }
        }

        var lines = (int)await ledger.EventCountAsync();
        var prepared = await PreparedRunsAsync(ledger, "INSERT INTO account_ledger");

        // Npgsql prepares a statement on its second use; every line after that runs the prepared one.
        Assert.InRange(prepared, lines - 2, lines);
    }

    /// <summary>
    /// How many times the projections' session ran a prepared statement beginning with <paramref name="statement"/>.
    /// Their workspace keeps one connection open; closed, it goes back to the pool, which hands it out next.
    /// </summary>
    private static async Task<long> PreparedRunsAsync(TestLedger ledger, string statement)
    {
        await ledger.Get<ProjectionWorkspace>().DisposeAsync();
        var engine = ledger.Get<SqlEngine>();
        await using var connection = await engine.OpenAsync(ConnectionUse.ReadModel, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(generic_plans + custom_plans), 0) FROM pg_prepared_statements WHERE statement LIKE @prefix";
        var prefix = command.CreateParameter();
        prefix.ParameterName = "@prefix";
        prefix.Value = statement + "%";
        command.Parameters.Add(prefix);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
