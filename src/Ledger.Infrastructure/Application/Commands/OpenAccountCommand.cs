using Ledger.Infrastructure.Application.Writing;

namespace Ledger.Infrastructure.Application.Commands;

/// <summary>Opens an account; <see cref="AccountId"/> is generated when not given.</summary>
public sealed record OpenAccountCommand(string? AccountId, string HolderId, string? HolderName, string Currency, decimal InitialDeposit)
    : LedgerCommand, ICommand<AccountView>
{
    /// <summary>The domain's opening under <paramref name="accountId"/>; a malformed one is refused here, before anything is loaded.</summary>
    public OpenAccount ToDomain(string accountId) => new(accountId, HolderId, HolderName, Currency, InitialDeposit);
}

public sealed class OpenAccountHandler(CommandWriter writer) : ICommandHandler<OpenAccountCommand, AccountView>
{
    public ValueTask<AccountView> Handle(OpenAccountCommand command, CancellationToken cancellationToken)
    {
        var opening = command.ToDomain(string.IsNullOrEmpty(command.AccountId) ? NewAccountId() : command.AccountId);
        return writer.WriteAsync(command, opening.AccountId, (account, now) => OpenAccount.Decide(account, opening, now), (opened, _) => AccountView.From(opened), cancellationToken);
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
