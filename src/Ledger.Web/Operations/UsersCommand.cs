using Ledger.Infrastructure.Users;

namespace Ledger.Web.Operations;

/// <summary><c>users add|list|remove|set-role|set-password</c>.</summary>
internal static class UsersCommand
{
    public static async Task<IEnumerable<(string Name, object? Value)>> RunAsync(
        UsersCli.Services services, string action, string[] names, Arguments arguments, TextReader input, TextWriter prompt)
    {
        var users = services.Get<UserDirectory>();
        switch (action)
        {
            case "add":
            {
                var name = UsersCli.One(names, "user", "users add alice --role clerk");
                var role = arguments.Required("--role", string.Join("|", LedgerRoles.All));
                await users.AddAsync(name, role, await PasswordAsync(input, prompt, name));
                return [("user", name), ("role", role), ("database", services.Database)];
            }

            case "list":
                Expect(names, 0, "users list");
                var rows = await users.ListAsync();
                return rows.Count == 0
                    ? [("users", "none yet: add one with users add NAME --role admin"), ("database", services.Database)]
                    : rows.Select(u => (u.Name, (object?)$"{u.Role ?? "(no role)"}{(u.LockedOutUntil is { } until ? $"  locked out until {UsersCli.Time(until)}" : "")}"))
                        .Append(("database", services.Database));

            case "remove":
            {
                var name = UsersCli.One(names, "user", "users remove alice");
                await users.RemoveAsync(name);
                return [("removed", name), ("tokens", "removed with the user"), ("database", services.Database)];
            }

            case "set-role":
            {
                Expect(names, 2, "users set-role alice admin");
                await users.SetRoleAsync(names[0], names[1]);
                return [("user", names[0]), ("role", names[1]), ("sign-ins", "end within a minute; tokens act with the new role at once")];
            }

            case "set-password":
            {
                var name = UsersCli.One(names, "user", "users set-password alice");
                await users.SetPasswordAsync(name, await PasswordAsync(input, prompt, name));
                return [("user", name), ("password", "changed; the user's sign-ins end within a minute and any lockout is lifted")];
            }

            default:
                throw new UsageException($"unknown action '{action}'");
        }
    }

    /// <summary>
    /// The first line of standard input, so a script can pipe it in and it never appears in a process list or shell
    /// history. At a terminal the typing is not echoed.
    /// </summary>
    private static async Task<string> PasswordAsync(TextReader input, TextWriter prompt, string name)
    {
        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            await prompt.WriteAsync($"Password for {name} (at least 12 characters): ");
            var typed = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    typed.Length = Math.Max(0, typed.Length - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            await prompt.WriteLineAsync();
            return typed.ToString();
        }

        return await input.ReadLineAsync() ?? throw new UsageException("no password: give it as the first line of standard input");
    }

    private static void Expect(string[] names, int count, string example)
    {
        if (names.Length != count)
        {
            throw new UsageException($"expected: {example}");
        }
    }
}
