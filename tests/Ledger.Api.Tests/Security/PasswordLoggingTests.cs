using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Everything the app logs, at the most detailed level, while people sign in (rightly, wrongly, locked out) and
/// programs use tokens: no password and no token appears in any message, argument or exception.
/// </summary>
public sealed class PasswordLoggingTests
{
    [Fact]
    public async Task NoPasswordOrToken_IsEverLogged_AtAnyLevel()
    {
        var logs = new CapturingLogs();
        var app = new SignInApp(
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        await using (app.Factory)
        {
            await app.InitializeAsync();
            await app.AddUserAsync("paula", LedgerRoles.Clerk);
            Assert.NotNull((await app.SignInAsync("paula", SignInApp.PasswordOf("paula"))).Cookie);
            Assert.Null((await app.SignInAsync("paula", "a wrong but long password")).Cookie);
            Assert.Null((await app.SignInAsync("paula's password typed as a name", "another wrong password")).Cookie);
            for (var i = 0; i < 6; i++)
            {
                await app.SignInAsync(SignInApp.Viewer, $"guessing attempt {i} here");
            }

            foreach (var who in app.Tokens.Keys)
            {
                using var response = await app.SendAsync(who, HttpMethod.Get, "/api/status");
            }
        }

        var written = logs.All();

        // The control: the capture saw the sign-ins, at debug level and below too.
        Assert.Contains(written, line => line.Contains("paula signed in", StringComparison.Ordinal));
        Assert.Contains(written, line => line.Contains("locked out", StringComparison.Ordinal));
        Assert.Contains(written, line => line.StartsWith("Trace", StringComparison.Ordinal) || line.StartsWith("Debug", StringComparison.Ordinal));

        var secrets = new[] { "paula", SignInApp.Viewer, SignInApp.Clerk, SignInApp.Admin }.Select(SignInApp.PasswordOf)
            .Concat(["a wrong but long password", "another wrong password", "paula's password typed as a name", "guessing attempt"])
            .Concat(app.Tokens.Values)
            .ToArray();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(written, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Every entry as level, category, message, every argument and the exception, one string each.</summary>
    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> All() => lines.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"Scope {category} {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var arguments = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {arguments} {exception}");
            }
        }
    }
}
