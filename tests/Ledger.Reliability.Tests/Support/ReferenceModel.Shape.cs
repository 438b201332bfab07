using System.Text.RegularExpressions;

namespace Ledger.Reliability.Tests.Support;

// The first check of every command: is it well-formed at all, before any account is looked at.
public sealed partial class ReferenceModel
{
    private static string? ShapeError(LedgerCommand command)
    {
        const string invalid = "validation_failed";
        switch (command)
        {
            case OpenAccountCommand o:
                return !IsId(o.AccountId) || Blank(o.HolderId) || !Digits.ContainsKey(o.Currency) || o.InitialDeposit < 0
                    || !Fits(o.InitialDeposit, o.Currency) ? invalid : null;
            case DepositMoneyCommand d:
                return !IsId(d.AccountId) || d.Amount <= 0 || Blank(d.TransactionReference) ? invalid : null;
            case WithdrawMoneyCommand w:
                return !IsId(w.AccountId) || w.Amount <= 0 || Blank(w.TransactionReference) ? invalid : null;
            case TransferMoneyCommand t:
                if (!IsId(t.TransferId) || !IsId(t.FromAccountId) || !IsId(t.ToAccountId))
                {
                    return invalid;
                }

                return t.FromAccountId == t.ToAccountId ? "same_account" : t.Amount <= 0 ? invalid : null;
            case CloseAccountCommand c:
                return !IsId(c.AccountId) || Blank(c.Reason) ? invalid : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex IdPattern();
}
