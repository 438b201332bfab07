namespace Ledger.Web.Operations;

/// <summary>
/// The operator's verbs (<c>backup</c>, <c>restore</c>, <c>copy</c>, <c>hash</c>): run before the web host is built, so they
/// never start Kestrel, the catch-up service or anything else of the app.
/// </summary>
internal static class OperationsCli
{
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Null when the first argument is no verb (start the app); otherwise the exit code.</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0)
        {
            return null;
        }

        Func<Arguments, TextWriter, CancellationToken, Task>? verb = args[0] switch
        {
            "backup" => BackupCommand.RunAsync,
            "restore" => RestoreCommand.RunAsync,
            "copy" => CopyCommand.RunAsync,
            "hash" => HashCommand.RunAsync,
            _ => null,
        };
        if (verb is null)
        {
            return null;
        }

        try
        {
            await verb(Arguments.Parse(args.AsSpan(1)), output, cancellationToken);
            return 0;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{args[0]}: {e.Message}");
            await error.WriteLineAsync(args[0] switch
            {
                "backup" => BackupCommand.Help,
                "copy" => CopyCommand.Help,
                "hash" => HashCommand.Help,
                _ => RestoreCommand.Help,
            });
            return Usage;
        }
        catch (OperationFailedException e)
        {
            await error.WriteLineAsync($"{args[0]} failed: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or Ledger.Infrastructure.Storage.DatabaseUnavailableException)
        {
            await error.WriteLineAsync($"{args[0]} failed: {e.Message}");
            return Failed;
        }
    }

    /// <summary>Prints one <c>name: value</c> line per fact, easy for a person to read and a script to grep.</summary>
    public static async Task PrintAsync(TextWriter output, IEnumerable<(string Name, object? Value)> facts)
    {
        foreach (var (name, value) in facts)
        {
            await output.WriteLineAsync($"{name + ":",-15}{value}");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary><c>--name value</c> or <c>--name=value</c> options and <c>--flag</c> switches.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parsed.values[arg[..equals]] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.values[arg] = args[++i];
            }
            else
            {
                parsed.values[arg] = null;
            }
        }

        return parsed;
    }

    public string? Optional(string name) => values.TryGetValue(name, out var value)
        ? value ?? throw new UsageException($"{name} needs a value")
        : null;

    public string Required(string name, string example) => Optional(name) ?? throw new UsageException($"{name} is required, e.g. {name} {example}");

    public bool Switch(string name) => values.TryGetValue(name, out var value)
        ? value is null ? true : throw new UsageException($"{name} takes no value")
        : false;

    /// <summary>Refuses options nobody asked for: a mistyped --froce must not be silently ignored.</summary>
    public void RequireOnly(params string[] known)
    {
        foreach (var name in values.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            throw new UsageException($"unknown option {name}");
        }
    }
}
