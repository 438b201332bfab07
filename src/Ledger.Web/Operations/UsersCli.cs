using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Sql;
using Ledger.Infrastructure.Users;
using Microsoft.Data.Sqlite;

namespace Ledger.Web.Operations;

/// <summary>
/// <c>users ...</c> and <c>tokens ...</c>: who may sign in, with which role, and their API tokens. Run without the
/// app, on the database <c>--db</c>/<c>--postgres</c> pick as for every verb. Whoever can run these can write the
/// database, so they need no sign-in of their own.
/// </summary>
internal static class UsersCli
{
    public const string UsersHelp =
        "usage: users add NAME --role viewer|clerk|admin (the password is the first line of standard input, at least 12 characters)\n" +
        "       users list | users remove NAME | users set-role NAME ROLE | users set-password NAME (password from standard input)\n" +
        "       each with [--db PATH | --postgres \"Host=...\"]";

    public const string TokensHelp =
        $"usage: tokens create NAME [--days N] (1 to 366, default 90; prints the token once) | tokens list NAME | tokens revoke ID\n" +
        "       each with [--db PATH | --postgres \"Host=...\"]";

    private static readonly string[] UsersActions = ["add", "list", "remove", "set-role", "set-password"];
    private static readonly string[] TokensActions = ["create", "list", "revoke"];

    /// <summary>Null when the first argument is neither verb; otherwise the exit code.</summary>
    public static async Task<int?> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is not ("users" or "tokens"))
        {
            return null;
        }

        var verb = args[0];
        try
        {
            var action = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : throw new UsageException("which action?");
            if (!(verb == "users" ? UsersActions : TokensActions).Contains(action, StringComparer.Ordinal))
            {
                throw new UsageException($"unknown action '{action}'");
            }

            var names = args.Skip(2).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
            var arguments = Arguments.Parse(args.AsSpan(2 + names.Length));
            await using var services = await OpenAsync(arguments, verb == "users" && action is "add" ? ["--role"] : verb == "tokens" && action == "create" ? ["--days"] : []);
            var facts = verb == "users"
                ? await UsersCommand.RunAsync(services, action, names, arguments, input, error)
                : await TokensCommand.RunAsync(services, action, names, arguments);
            await OperationsCli.PrintAsync(output, facts);
            return 0;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{verb}: {e.Message}");
            await error.WriteLineAsync(verb == "users" ? UsersHelp : TokensHelp);
            return OperationsCli.Usage;
        }
        catch (Exception e) when (e is UsersRefusedException or OperationFailedException or IOException or UnauthorizedAccessException
            or System.Data.Common.DbException or DatabaseUnavailableException)
        {
            await error.WriteLineAsync($"{verb} failed: {e.Message}");
            return OperationsCli.Failed;
        }
        finally
        {
            // The file must be free when the verb ends: a restore or another verb may follow at once.
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>A ledger's services (nothing running in the background) with its schema and the users' tables up to date.</summary>
    private static async Task<Services> OpenAsync(Arguments arguments, string[] verbOptions)
    {
        arguments.RequireOnly(["--db", "--postgres", .. verbOptions]);
        var chosen = CliDatabase.Options(arguments);
        var collection = new ServiceCollection().AddLogging().AddLedger(o =>
        {
            o.Provider = chosen.Provider;
            o.ConnectionString = chosen.ConnectionString;
            o.DatabasePath = chosen.DatabasePath;
            o.Synchronous = chosen.Synchronous;
            o.BusyTimeoutMilliseconds = chosen.BusyTimeoutMilliseconds;
        });
        collection.AddLedgerUsers();
        var provider = collection.BuildServiceProvider();
        try
        {
            await LedgerDatabase.InitializeAsync(provider);
            await UsersDatabase.InitializeAsync(provider);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return new Services(provider, provider.CreateAsyncScope());
    }

    internal static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string One(string[] names, string what, string example) => names.Length switch
    {
        1 => names[0],
        0 => throw new UsageException($"name the {what}, e.g. {example}"),
        _ => throw new UsageException($"one {what} at a time; got {string.Join(" ", names)}"),
    };

    /// <summary>One scope over the verb's services; the database engine it describes is named in every answer.</summary>
    internal sealed class Services(ServiceProvider root, AsyncServiceScope scope) : IAsyncDisposable
    {
        public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

        public string Database => root.GetRequiredService<SqlEngine>().Describe();

        public async ValueTask DisposeAsync()
        {
            await scope.DisposeAsync();
            await root.DisposeAsync();
        }
    }
}
