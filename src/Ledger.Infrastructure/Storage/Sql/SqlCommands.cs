using System.Data.Common;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>Small helpers for the prepared, parameterised statements projections reuse per batch.</summary>
internal static class SqlCommands
{
    public static DbCommand Prepare(DbConnection connection, DbTransaction? transaction, string sql, params string[] parameterNames)
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

        command.Prepare();
        return command;
    }

    public static void Set(this DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
