using Ledger.Domain.Accounts;
using Ledger.Infrastructure.Application.Writing;
using Mediator;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Opens an account; <see cref="AccountId"/> is generated when not given.</summary>
public sealed record OpenAccountCommand(string? AccountId, string HolderId, string? HolderName, string Currency, decimal InitialDeposit)
    : LedgerCommand, ICommand<AccountView>
{
    public override void Validate() => ToDomain(AccountId ?? "generated").Validate();

    public OpenAccount ToDomain(string accountId) => new(accountId, HolderId, HolderName, Currency, InitialDeposit);
}

public sealed class OpenAccountHandler(CommandExecutor executor) : ICommandHandler<OpenAccountCommand, AccountView>
{
    public ValueTask<AccountView> Handle(OpenAccountCommand command, CancellationToken cancellationToken)
    {
        var accountId = string.IsNullOrEmpty(command.AccountId) ? NewAccountId() : command.AccountId;
        var domain = command.ToDomain(accountId);
        return executor.ExecuteAsync(
            command,
            [accountId],
            (states, now) => OpenAccount.Decide(states[0], domain, now),
            (after, _) => AccountView.From(after[0]),
            cancellationToken);
    }

    /// <summary>Short, unambiguous and typeable: "ACC-" and ten characters without look-alikes.</summary>
    private static string NewAccountId()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        return "ACC-" + string.Create(10, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[System.Security.Cryptography.RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }
}
