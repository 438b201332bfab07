namespace Ledger.Infrastructure.Application.Access;

/// <summary>Which permission each command needs: the one table the API, the UI and the mediator pipeline all read.</summary>
public static class CommandPermissions
{
    /// <summary>A command not listed here needs the highest permission: a new command is refused until someone places it.</summary>
    public static Permission For(Type command) => command switch
    {
        _ when command == typeof(DepositMoneyCommand) => Permission.MoveMoney,
        _ when command == typeof(WithdrawMoneyCommand) => Permission.MoveMoney,
        _ when command == typeof(TransferMoneyCommand) => Permission.MoveMoney,
        _ when command == typeof(OpenAccountCommand) => Permission.ManageAccounts,
        _ when command == typeof(CloseAccountCommand) => Permission.ManageAccounts,
        _ when command == typeof(RebuildProjectionsCommand) => Permission.Operate,
        _ => Permission.ManageUsers,
    };

    public static Permission For<TCommand>() => For(typeof(TCommand));
}
