using Mediator;

namespace Ledger.Web.Demo;

/// <summary>
/// A year of plausible banking for a dozen accounts in five currencies, written back-dated through
/// the ordinary commands (so every rule holds) with a fixed random seed (so every load tells the same
/// story, relative to the day it is loaded). Used by "Load sample ledger" and <c>--seed-demo</c>.
/// </summary>
public static class SampleLedger
{
    public const int Seed = 20_240_601;
    public const string Actor = "sample-ledger";
    public const string ClosedAccountId = "ACC-MARCO-OLD";

    private static readonly SampleAccount[] Accounts =
    [
        new("ACC-ALICE-CHK", "H-1001", "Alice Martin", "EUR", 1_850.00m),
        new("ACC-ALICE-SAV", "H-1001", "Alice Martin", "EUR", 5_000.00m),
        new("ACC-MARCO-CHK", "H-1002", "Marco Rossi", "EUR", 900.00m),
        new(ClosedAccountId, "H-1002", "Marco Rossi", "EUR", 2_400.00m),
        new("ACC-LANDLORD", "H-2001", "Brightside Lettings Ltd", "EUR", 12_000.00m),
        new("ACC-BOB-GBP", "H-1003", "Bob Hughes", "GBP", 1_200.00m),
        new("ACC-PRIYA-GBP", "H-1004", "Priya Shah", "GBP", 3_100.00m),
        new("ACC-KENJI-JPY", "H-1005", "Kenji Sato", "JPY", 250_000m),
        new("ACC-YUKI-JPY", "H-1006", "Yuki Tanaka", "JPY", 80_000m),
        new("ACC-ACME-USD", "H-3001", "Acme Tools Inc. (payroll)", "USD", 250_000.00m),
        new("ACC-DANA-USD", "H-1007", "Dana Lee", "USD", 2_300.00m),
        new("ACC-LUKAS-CHF", "H-1008", "Lukas Meier", "CHF", 4_200.00m),
    ];

    private static readonly string[] Merchants =
        ["Grocery market", "Coffee corner", "Fuel station", "Pharmacy", "Bookshop", "Train tickets", "Restaurant", "Online store", "Cinema", "Hardware store"];

    /// <summary>Loads the sample ledger into an empty ledger. Returns the number of commands sent.</summary>
    public static async Task<int> LoadAsync(IMediator mediator, TimeProvider time, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var status = await mediator.Send(new GetLedgerStatusQuery(), cancellationToken);
        if (status.EventCount > 0)
        {
            throw new InvalidOperationException("The sample ledger only loads into an empty ledger; this one already has events.");
        }

        var random = new Random(Seed);
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var start = today.AddDays(-365);
        var plan = new Plan(mediator, random, start, progress, cancellationToken);

        foreach (var (account, i) in Accounts.Select((a, i) => (a, i)))
        {
            await plan.OpenAsync(account, start.AddHours(8).AddMinutes(7 * i));
        }

        for (var day = start.AddDays(1); day < today; day = day.AddDays(1))
        {
            await plan.DayAsync(day);
        }

        return plan.Commands;
    }

    /// <summary>For <c>--seed-demo</c>: loads the sample ledger unless the ledger already has events.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken = default)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var status = await mediator.Send(new GetLedgerStatusQuery(), cancellationToken);
        if (status.EventCount > 0)
        {
            logger.LogInformation("--seed-demo: the ledger already has {Events} events; sample ledger not loaded", status.EventCount);
            return;
        }

        var commands = await LoadAsync(mediator, services.GetRequiredService<TimeProvider>(), cancellationToken: cancellationToken);
        logger.LogInformation("--seed-demo: sample ledger loaded with {Commands} commands", commands);
    }

    private sealed record SampleAccount(string Id, string HolderId, string Holder, string Currency, decimal Opening);

    /// <summary>Keeps its own copy of each balance so it only ever sends commands the rules allow.</summary>
    private sealed class Plan(IMediator mediator, Random random, DateTimeOffset start, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, decimal> balances = new(StringComparer.Ordinal);
        private readonly HashSet<string> closed = new(StringComparer.Ordinal);
        private int reference = 1000;

        public int Commands { get; private set; }

        public async Task OpenAsync(SampleAccount account, DateTimeOffset at)
        {
            await SendAsync(at, new OpenAccountCommand(account.Id, account.HolderId, account.Holder, account.Currency, account.Opening) { Actor = Actor });
            balances[account.Id] = account.Opening;
        }

        public async Task DayAsync(DateTimeOffset day)
        {
            var actions = new List<(DateTimeOffset At, Func<DateTimeOffset, Task> Act)>();
            void At(int hour, int minute, Func<DateTimeOffset, Task> act) => actions.Add((day.AddHours(hour).AddMinutes(minute), act));

            // Salaries and payroll.
            if (day.Day == 25)
            {
                At(6, 5, t => DepositAsync(t, "ACC-ALICE-CHK", 3_240.00m, "SAL", "Salary Northwind GmbH"));
                At(6, 10, t => DepositAsync(t, "ACC-MARCO-CHK", 2_780.00m, "SAL", "Salary Contoso Italia"));
                At(6, 20, t => DepositAsync(t, "ACC-BOB-GBP", 2_650.00m, "SAL", "Salary Fabrikam UK"));
                At(6, 25, t => DepositAsync(t, "ACC-PRIYA-GBP", 3_420.00m, "SAL", "Salary Litware Ltd"));
                At(6, 30, t => DepositAsync(t, "ACC-KENJI-JPY", 412_000m, "SAL", "Salary Tailspin KK"));
                At(6, 35, t => DepositAsync(t, "ACC-YUKI-JPY", 298_000m, "SAL", "Salary Wingtip KK"));
                At(6, 40, t => DepositAsync(t, "ACC-LUKAS-CHF", 7_150.00m, "SAL", "Lohn Adatum AG"));
                At(7, 0, t => TransferAsync(t, "ACC-ACME-USD", "ACC-DANA-USD", 4_380.00m, "Payroll: Dana Lee"));
            }

            if (day.Day == 1)
            {
                At(9, 0, t => DepositAsync(t, "ACC-ACME-USD", Money(random, 38_000m, 52_000m, 2), "INV", "Customer payments"));
                At(9, 15, t => TransferAsync(t, "ACC-ALICE-CHK", "ACC-LANDLORD", 1_150.00m, "Rent, Rue des Lilas 12"));
                At(9, 20, t => TransferAsync(t, "ACC-MARCO-CHK", "ACC-LANDLORD", 980.00m, "Rent, Via Roma 3"));
                At(10, 0, t => WithdrawAsync(t, "ACC-BOB-GBP", 1_050.00m, "RENT", "Rent to Hughes & Co lettings"));
                At(10, 5, t => WithdrawAsync(t, "ACC-PRIYA-GBP", 1_320.00m, "RENT", "Rent, Camden flat"));
                At(10, 10, t => WithdrawAsync(t, "ACC-KENJI-JPY", 98_000m, "RENT", "Rent, Nakameguro flat"));
                At(10, 15, t => WithdrawAsync(t, "ACC-YUKI-JPY", 72_000m, "RENT", "Rent"));
                At(10, 20, t => WithdrawAsync(t, "ACC-DANA-USD", 1_890.00m, "RENT", "Rent, Elm Street"));
                At(10, 25, t => WithdrawAsync(t, "ACC-LUKAS-CHF", 2_240.00m, "RENT", "Miete Zürich"));
            }

            if (day.Day == 26)
            {
                At(8, 0, t => TransferAsync(t, "ACC-ALICE-CHK", "ACC-ALICE-SAV", 300.00m, "Monthly savings"));
                At(8, 10, t => TransferAsync(t, "ACC-KENJI-JPY", "ACC-YUKI-JPY", 40_000m, "Shared household costs"));
            }

            if (day.Day == 5)
            {
                At(11, 0, t => WithdrawAsync(t, "ACC-LANDLORD", Money(random, 600m, 1_400m, 2), "MAINT", "Building maintenance"));
                At(16, 0, t => WithdrawAsync(t, "ACC-ACME-USD", Money(random, 12_000m, 20_000m, 2), "SUP", "Supplier payments"));
            }

            // Marco moves everything out of his old account in the fourth month and closes it.
            var age = (int)(day - start).TotalDays;
            if (age == 110 && !closed.Contains(ClosedAccountId))
            {
                At(12, 0, t => TransferAsync(t, ClosedAccountId, "ACC-MARCO-CHK", balances[ClosedAccountId], "Moving to new account"));
                At(12, 5, t => CloseAsync(t, ClosedAccountId, "Customer moved everything to ACC-MARCO-CHK"));
            }

            // Card payments: most people pay something most days.
            foreach (var (id, currency) in new[]
                     {
                         ("ACC-ALICE-CHK", "EUR"), ("ACC-MARCO-CHK", "EUR"), ("ACC-BOB-GBP", "GBP"), ("ACC-PRIYA-GBP", "GBP"),
                         ("ACC-KENJI-JPY", "JPY"), ("ACC-YUKI-JPY", "JPY"), ("ACC-DANA-USD", "USD"), ("ACC-LUKAS-CHF", "CHF"),
                     })
            {
                if (random.NextDouble() < 0.45)
                {
                    var merchant = Merchants[random.Next(Merchants.Length)];
                    var amount = currency == "JPY" ? Money(random, 400m, 9_000m, 0) : Money(random, 3m, 85m, 2);
                    At(8 + random.Next(13), random.Next(60), t => WithdrawAsync(t, id, amount, "CARD", $"Card payment, {merchant}"));
                }
            }

            // Now and then a friend pays someone back.
            if (random.NextDouble() < 0.08)
            {
                At(19, random.Next(60), t => TransferAsync(t, "ACC-PRIYA-GBP", "ACC-BOB-GBP", Money(random, 10m, 60m, 2), "Dinner, thanks!"));
            }

            foreach (var (at, act) in actions.OrderBy(a => a.At))
            {
                await act(at);
            }
        }

        private Task DepositAsync(DateTimeOffset at, string id, decimal amount, string prefix, string description)
        {
            balances[id] += amount;
            return SendAsync(at, new DepositMoneyCommand(id, amount, NextReference(prefix), description) { Actor = Actor });
        }

        private async Task WithdrawAsync(DateTimeOffset at, string id, decimal amount, string prefix, string description)
        {
            if (closed.Contains(id) || amount > balances[id])
            {
                return;
            }

            balances[id] -= amount;
            await SendAsync(at, new WithdrawMoneyCommand(id, amount, NextReference(prefix), description) { Actor = Actor });
        }

        private async Task TransferAsync(DateTimeOffset at, string from, string to, decimal amount, string description)
        {
            if (closed.Contains(from) || closed.Contains(to) || amount <= 0 || amount > balances[from])
            {
                return;
            }

            balances[from] -= amount;
            balances[to] += amount;
            await SendAsync(at, new TransferMoneyCommand(null, from, to, amount, description) { Actor = Actor });
        }

        private async Task CloseAsync(DateTimeOffset at, string id, string reason)
        {
            closed.Add(id);
            await SendAsync(at, new CloseAccountCommand(id, reason) { Actor = Actor });
        }

        private string NextReference(string prefix) => $"{prefix}-{++reference}";

        private async Task SendAsync<TResponse>(DateTimeOffset at, ICommand<TResponse> command)
        {
            using (LedgerClock.BackdateTo(at))
            {
                await mediator.Send(command, cancellationToken);
            }

            Commands++;
            progress?.Report(Commands);
        }

        private static decimal Money(Random random, decimal min, decimal max, int digits)
        {
            var value = min + ((max - min) * (decimal)random.NextDouble());
            return Math.Round(value, digits, MidpointRounding.AwayFromZero);
        }
    }
}
