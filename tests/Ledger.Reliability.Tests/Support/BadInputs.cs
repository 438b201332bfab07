namespace Ledger.Reliability.Tests.Support;

/// <summary>One command with exactly one thing wrong, and what the ledger must answer.</summary>
public sealed record BadInput(string Fault, LedgerCommand Command, string Code, string? Field)
{
    public override string ToString() => $"{Fault}: {Command.GetType().Name} → {Code}{(Field is null ? "" : $" ({Field})")}";
}

/// <summary>
/// Generates invalid commands against a fixed fixture of accounts. Every command is valid except for
/// one fault, so the expected code (and field) is known exactly.
/// </summary>
public sealed class BadInputs(Random random)
{
    public const string Eur = "EUR-A";
    public const string Eur2 = "EUR-B";
    public const string Jpy = "JPY-A";
    public const string Kwd = "KWD-A";
    public const string Closed = "CLOSED-A";

    /// <summary>Commands that set the fixture up: balances 100.00 EUR (twice), 1000 JPY, 10.000 KWD, and a closed EUR account.</summary>
    public static IReadOnlyList<LedgerCommand> Fixture { get; } =
    [
        new OpenAccountCommand(Eur, "h", null, "EUR", 100m),
        new OpenAccountCommand(Eur2, "h", null, "EUR", 100m),
        new OpenAccountCommand(Jpy, "h", null, "JPY", 1000m),
        new OpenAccountCommand(Kwd, "h", null, "KWD", 10m),
        new OpenAccountCommand(Closed, "h", null, "EUR", 0m),
        new CloseAccountCommand(Closed, "fixture"),
    ];

    private static readonly char[] Controls = ['\0', '\u0001', '\u0007', '\b', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f'];
    private static readonly char[] LineBreaks = ['\n', '\r', '\t'];
    private static readonly string[] BadIds = ["-lead", "_lead", "has space", "ünïcode", "a/b", "a.b", "a;DROP TABLE events", "名前", " x", "x ", "%", "a\u200bb"];
    private static readonly string[] BadCurrencies = ["eur", "Eur", "usd", "jpy", "XXX", "ABC", "EUX", "EU", "EURO", "E", "", " EUR", "EUR ", "E1R", "€€€", "\u0000EU", "ЕUR"];

    private static readonly (string Id, string Currency)[] Open = [(Eur, "EUR"), (Jpy, "JPY"), (Kwd, "KWD")];

    private int counter;

    public BadInput Next()
    {
        counter++;
        return random.Next(5) switch
        {
            0 => NextOpen(),
            1 => NextMoney(deposit: true),
            2 => NextMoney(deposit: false),
            3 => NextTransfer(),
            _ => NextClose(),
        };
    }

    private BadInput NextOpen()
    {
        var id = $"NEW-{counter}";
        var valid = new OpenAccountCommand(id, "holder", "Holder", "EUR", 10m);
        return random.Next(9) switch
        {
            0 => Bad("holder id blank", valid with { HolderId = Blank() }, "holderId"),
            1 => Bad("holder id too long", valid with { HolderId = Oversized(Input.HolderIdMaxLength) }, "holderId"),
            2 => Bad("holder id control char", valid with { HolderId = WithControl("holder", multiline: false) }, "holderId"),
            3 => random.Next(2) == 0
                ? Bad("holder name too long", valid with { HolderName = Oversized(Input.HolderNameMaxLength) }, "holderName")
                : Bad("holder name control char", valid with { HolderName = WithControl("Holder Name", multiline: false) }, "holderName"),
            4 => Bad("bad currency", valid with { Currency = Pick(BadCurrencies) }, "currency"),
            5 => Bad("bad account id", valid with { AccountId = BadId() }, "accountId"),
            6 => NextOpenAmount(valid),
            7 => new BadInput("account exists", valid with { AccountId = Pick(Open).Id }, ErrorCodes.AccountExists, null),
            _ => Envelope(valid),
        };
    }

    private BadInput NextOpenAmount(OpenAccountCommand valid)
    {
        var (_, currency) = Pick(Open);
        var command = valid with { Currency = currency };
        return random.Next(4) switch
        {
            0 => Bad("negative initial deposit", command with { InitialDeposit = -Amount(currency) }, "initialDeposit"),
            1 => Bad("initial deposit with too many decimals", command with { InitialDeposit = TooPrecise(currency) }, "initialDeposit"),
            2 => new BadInput("initial deposit beyond any balance", command with { InitialDeposit = Astronomical() }, ErrorCodes.DepositLimitExceeded, null),
            _ => new BadInput("initial deposit over the limit", command with { InitialDeposit = OverDepositLimit(currency) }, ErrorCodes.DepositLimitExceeded, null),
        };
    }

    private BadInput NextMoney(bool deposit)
    {
        var (id, currency) = Pick(Open);
        LedgerCommand Make(string accountId, decimal amount, string reference, string? description) => deposit
            ? new DepositMoneyCommand(accountId, amount, reference, description)
            : new WithdrawMoneyCommand(accountId, amount, reference, description);
        var amountOk = random.Next(1, 50);
        var what = deposit ? "deposit" : "withdrawal";
        return random.Next(12) switch
        {
            0 => Bad($"{what} of zero", Make(id, 0m, "r", null), "amount"),
            1 => Bad($"negative {what}", Make(id, -Amount(currency), "r", null), "amount"),
            2 => Bad($"{what} with too many decimals", Make(id, TooPrecise(currency), "r", null), "amount"),
            // Any deposit over the limit, however absurd, is deposit_limit_exceeded; a withdrawal that
            // large is malformed before it is unaffordable.
            3 => deposit
                ? new BadInput("deposit beyond any balance", Make(id, Astronomical(), "r", null), ErrorCodes.DepositLimitExceeded, null)
                : Bad("withdrawal beyond any balance", Make(id, Astronomical(), "r", null), "amount"),
            4 => deposit
                ? new BadInput("deposit over the limit", Make(id, OverDepositLimit(currency), "r", null), ErrorCodes.DepositLimitExceeded, null)
                : new BadInput("withdrawal over the balance", Make(id, OverDepositLimit(currency), "r", null), ErrorCodes.InsufficientFunds, null),
            5 => Bad("reference blank", Make(id, amountOk, Blank(), null), "transactionReference"),
            6 => random.Next(2) == 0
                ? Bad("reference too long", Make(id, amountOk, Oversized(Input.ReferenceMaxLength), null), "transactionReference")
                : Bad("reference control char", Make(id, amountOk, WithControl("ref", multiline: false), null), "transactionReference"),
            7 => random.Next(2) == 0
                ? Bad("description too long", Make(id, amountOk, "r", Oversized(Input.DescriptionMaxLength)), "description")
                : Bad("description control char", Make(id, amountOk, "r", WithControl("line one\nline two", multiline: true)), "description"),
            8 => random.Next(2) == 0
                ? Bad("bad account id", Make(BadId(), amountOk, "r", null), "accountId")
                : new BadInput("unknown account", Make($"NOPE-{counter}", amountOk, "r", null), ErrorCodes.AccountNotFound, null),
            9 => new BadInput("closed account", Make(Closed, 1m, "r", null), ErrorCodes.AccountClosed, null),
            10 => new BadInput("stale If-Match version", Make(id, amountOk, "r", null) with { ExpectedVersion = random.Next(2) == 0 ? 0 : 2 + random.Next(1000) }, CommandErrorCodes.VersionMismatch, null),
            _ => Envelope(Make(id, amountOk, "r", null)),
        };
    }

    private BadInput NextTransfer()
    {
        var amountOk = 1m;
        var valid = new TransferMoneyCommand($"T-{counter}", Eur, Eur2, amountOk);
        return random.Next(13) switch
        {
            0 => new BadInput("same account", valid with { ToAccountId = Eur }, ErrorCodes.SameAccount, null),
            1 => new BadInput("unknown source", valid with { FromAccountId = $"NOPE-{counter}" }, ErrorCodes.AccountNotFound, null),
            2 => new BadInput("unknown destination", valid with { ToAccountId = $"NOPE-{counter}" }, ErrorCodes.AccountNotFound, null),
            3 => new BadInput("closed source", valid with { FromAccountId = Closed }, ErrorCodes.AccountClosed, null),
            4 => new BadInput("closed destination", valid with { ToAccountId = Closed }, ErrorCodes.AccountClosed, null),
            5 => new BadInput("currency mismatch", valid with { ToAccountId = random.Next(2) == 0 ? Jpy : Kwd }, ErrorCodes.CurrencyMismatch, null),
            6 => Bad("transfer of zero or less", valid with { Amount = -Amount("EUR") * random.Next(2) }, "amount"),
            7 => Bad("transfer with too many decimals", valid with { Amount = TooPrecise("EUR") }, "amount"),
            8 => new BadInput("transfer over the balance", valid with { Amount = 100.01m + Amount("EUR") }, ErrorCodes.InsufficientFunds, null),
            9 => Bad("bad transfer id", valid with { TransferId = random.Next(3) == 0 ? Oversized(Input.IdMaxLength) : BadId() }, "transferId"),
            10 => random.Next(2) == 0
                ? Bad("bad source id", valid with { FromAccountId = BadId() }, "fromAccountId")
                : Bad("bad destination id", valid with { ToAccountId = BadId() }, "toAccountId"),
            11 => Bad("description too long", valid with { Description = Oversized(Input.DescriptionMaxLength) }, "description"),
            _ => Envelope(valid),
        };
    }

    private BadInput NextClose()
    {
        var valid = new CloseAccountCommand(Eur, "closing");
        return random.Next(7) switch
        {
            0 => Bad("reason blank", valid with { Reason = Blank() }, "reason"),
            1 => random.Next(2) == 0
                ? Bad("reason too long", valid with { Reason = Oversized(Input.ReasonMaxLength) }, "reason")
                : Bad("reason control char", valid with { Reason = WithControl("why", multiline: false) }, "reason"),
            2 => Bad("closed-by too long", valid with { ClosedBy = Oversized(Input.ActorMaxLength) }, "closedBy"),
            3 => new BadInput("balance not zero", valid with { AccountId = Pick(Open).Id }, ErrorCodes.BalanceNotZero, null),
            4 => new BadInput("unknown account", valid with { AccountId = $"NOPE-{counter}" }, ErrorCodes.AccountNotFound, null),
            5 => new BadInput("already closed", valid with { AccountId = Closed }, ErrorCodes.AccountClosed, null),
            _ => Bad("bad account id", valid with { AccountId = BadId() }, "accountId"),
        };
    }

    /// <summary>What every command carries besides its body: the command id, the actor and the correlation id.</summary>
    private BadInput Envelope(LedgerCommand valid) => random.Next(7) switch
    {
        0 => Bad("command id blank", valid with { CommandId = Blank() }, "commandId"),
        1 => Bad("command id too long", valid with { CommandId = Oversized(100) }, "commandId"),
        2 => Bad("command id control char", valid with { CommandId = WithControl("cmd", multiline: false) }, "commandId"),
        3 => Bad("actor blank", valid with { Actor = Blank() }, "actor"),
        4 => Bad("actor too long", valid with { Actor = Oversized(Input.ActorMaxLength) }, "actor"),
        5 => Bad("actor control char", valid with { Actor = WithControl("someone", multiline: false) }, "actor"),
        _ => Bad("correlation id too long", valid with { CorrelationId = Oversized(100) }, "correlationId"),
    };

    private static BadInput Bad(string fault, LedgerCommand command, string field) => new(fault, command, ErrorCodes.ValidationFailed, field);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string Blank() => Pick(["", " ", "   ", "\u00a0", "\u2003"]);

    private string BadId() => random.Next(4) switch
    {
        0 => Oversized(Input.IdMaxLength),
        1 => WithControl("acc", multiline: false),
        _ => Pick(BadIds),
    };

    /// <summary>Just over the limit, or absurdly over it.</summary>
    private string Oversized(int limit) => new('x', random.Next(4) == 0 ? limit * 1000 : limit + 1 + random.Next(3));

    private string WithControl(string text, bool multiline)
    {
        var pool = multiline ? Controls : [.. Controls, .. LineBreaks];
        var at = random.Next(text.Length + 1);
        return text[..at] + pool[random.Next(pool.Length)] + text[at..];
    }

    private decimal Amount(string currency) => currency switch
    {
        "JPY" => random.Next(1, 10_000),
        "KWD" => random.Next(1, 10_000_000) / 1000m,
        _ => random.Next(1, 10_000_000) / 100m,
    };

    private decimal TooPrecise(string currency)
    {
        var digits = currency switch { "JPY" => 0, "KWD" => 3, _ => 2 };
        var extra = digits + 1 + random.Next(28 - digits - 6);
        var scale = 1m;
        for (var i = 0; i < extra; i++)
        {
            scale /= 10;
        }

        // A whole part plus one non-zero digit at the first position the currency does not allow.
        return random.Next(0, 1000) + (random.Next(1, 10) * scale);
    }

    /// <summary>Whole numbers beyond the largest balance, up to decimal's own limit.</summary>
    private decimal Astronomical() => random.Next(4) switch
    {
        0 => decimal.MaxValue,
        1 => 1_000_000_000_001m,
        2 => 79_228_162_514_264_337_593_543_950m,
        _ => 1_000_000_000_001m * random.Next(1, 1000),
    };

    private decimal OverDepositLimit(string currency) => currency == "JPY"
        ? 1_000_001m + random.Next(0, 1_000_000_000)
        : 1_000_000.01m + random.Next(0, 1_000_000_000);
}
