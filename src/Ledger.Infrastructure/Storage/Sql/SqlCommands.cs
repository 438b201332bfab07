using System.Data.Common;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>The one way statements are built: parameters declared by name, prepared where the engine benefits.</summary>
internal static class SqlCommands
{
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

    public static DbCommand Set(this DbCommand command, string name, object? value)
    {
        command.Parameters[name].Value = value ?? DBNull.Value;
        return command;
    }

    public static async Task<long?> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) switch
        {
            null or DBNull => null,
            var value => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        };
}
