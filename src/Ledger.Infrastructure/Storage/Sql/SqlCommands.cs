using System.Data;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>The one way statements are built: parameters declared by name, prepared where the engine benefits.</summary>
internal static class SqlCommands
{
    /// <summary>Stands for a NULL of type text until a parameter takes it (see <see cref="SetText"/>).</summary>
    private static readonly object NullText = new();

    /// <summary>A statement kept on a long-lived connection and run many times.</summary>
    public static DbCommand Prepare(this SqlEngine engine, DbConnection connection, DbTransaction? transaction, string sql, params string[] parameterNames)
    {
        var command = Create(connection, transaction, sql, parameterNames);
        engine.Prepare(command);
        return command;
    }

    /// <summary>A statement run once.</summary>
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A command of <paramref name="batch"/> with the statement and the parameter values <paramref name="command"/> has now.</summary>
    public static DbBatchCommand CopyOf(this DbBatch batch, DbCommand command)
    {
        var copy = batch.CreateBatchCommand();
        copy.CommandText = command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var value = copy.CreateParameter();
            value.ParameterName = parameter.ParameterName;
            // A text parameter stays text when it is NULL (see SetText).
            Assign(value, parameter.Value is DBNull && parameter.DbType == DbType.String ? NullText : parameter.Value);
            copy.Parameters.Add(value);
        }

        return copy;
    }

    /// <summary>Adds a statement with its parameters, named as in the SQL.</summary>
    public static DbBatchCommand Add(this DbBatch batch, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            Assign(parameter, value);
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        return command;
    }

    public static DbCommand Set(this DbCommand command, string name, object? value)
    {
        Assign(command.Parameters[name], value);
        return command;
    }

    /// <summary>
    /// A text parameter that may be null, typed as text either way: untyped, a NULL goes to PostgreSQL as
    /// "unknown", and Npgsql runs a statement whose parameter types differ from the ones it was prepared with
    /// unprepared, parsed and planned again every time. The statement line's insert prepared with an account's
    /// opening (no reference) was planned anew for every deposit after it: 0.8 ms of server time a line.
    /// </summary>
    public static DbCommand SetText(this DbCommand command, string name, string? value) => command.Set(name, value ?? NullText);

    /// <summary>For a (name, value) list (<see cref="Add"/>): a text NULL, typed as in <see cref="SetText"/>.</summary>
    public static object Text(string? value) => value ?? NullText;

    private static void Assign(DbParameter parameter, object? value)
    {
        if (ReferenceEquals(value, NullText))
        {
            parameter.DbType = DbType.String;
            value = null;
        }

        parameter.Value = value ?? DBNull.Value;
    }

    public static async Task<long?> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) switch
        {
            null or DBNull => null,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
}
