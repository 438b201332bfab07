namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// The model <see cref="RandomCommandTests"/> checks the decider against: written independently of the
/// decider's rules, it says whether each command should be accepted, applies the decider's events, and
/// keeps each account's money in and out so the invariants can be checked after every step.
/// </summary>
internal sealed class RandomCommandModel(int seed, Dictionary<string, int> outcomes)
{
    private readonly Dictionary<string, Account> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IAccountEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _moneyIn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _moneyOut = new(StringComparer.Ordinal);
    private decimal _euroTotal;

    public int Step { get; set; } = -1;

    public string? CurrencyOf(string id) => _states.GetValueOrDefault(id)?.Currency;

    public decimal BalanceOf(string id) => _states.GetValueOrDefault(id)?.Balance ?? 0m;

    public void Open(string id, string currency, decimal initial)
    {
        var events = OpenAccount.Decide(null, new OpenAccount(id, "holder-" + id, null, currency, initial), RandomCommandTests.Start);
        Apply(events);
        _moneyIn[id] = initial;
        _moneyOut[id] = 0m;
        if (currency == "EUR")
        {
            _euroTotal += initial;
        }
    }

    public void Deposit(string id, decimal amount, DateTimeOffset now)
    {
        var account = _states.GetValueOrDefault(id);
        var allowed = IsOpen(account) && amount > 0 && amount <= Input.MaxDeposit && Fits(amount, account!.Currency)
            && account.Balance + amount <= Amounts.MaxBalance;

        var events = Decide("deposit", $"deposit {amount} into {id}", allowed,
            () => DepositMoney.Decide(account, new DepositMoney(id, amount, "r" + Step, null), now));
        if (events is not null)
        {
            Apply(events);
            _moneyIn[id] += amount;
            _euroTotal += account!.Currency == "EUR" ? amount : 0m;
        }
    }

    public void Withdraw(string id, decimal amount, DateTimeOffset now)
    {
        var account = _states.GetValueOrDefault(id);
        var allowed = IsOpen(account) && amount > 0 && Fits(amount, account!.Currency) && amount <= account.Balance;

        var events = Decide("withdraw", $"withdraw {amount} from {id}", allowed,
            () => WithdrawMoney.Decide(account, new WithdrawMoney(id, amount, "r" + Step, null), now));
        if (events is not null)
        {
            Apply(events);
            _moneyOut[id] += amount;
            _euroTotal -= account!.Currency == "EUR" ? amount : 0m;
        }
    }

    public void Transfer(string from, string to, decimal amount, DateTimeOffset now)
    {
        var source = _states.GetValueOrDefault(from);
        var destination = _states.GetValueOrDefault(to);
        var allowed = from != to && IsOpen(source) && IsOpen(destination) && source!.Currency == destination!.Currency
            && amount > 0 && Fits(amount, source.Currency) && amount <= source.Balance
            && destination.Balance + amount <= Amounts.MaxBalance;

        var events = Decide("transfer", $"transfer {amount} from {from} to {to}", allowed, () =>
        {
            var legs = TransferMoney.Decide(source, destination, new TransferMoney("t" + Step, from, to, amount, null), now);
            return [legs.Initiated, legs.Received];
        });
        if (events is not null)
        {
            Check(events[0].OccurredAt == events[1].OccurredAt, "the two legs of a transfer happened at different times");
            Apply(events);
            _moneyOut[from] += amount;
            _moneyIn[to] += amount;
        }
    }

    public void Close(string id, DateTimeOffset now)
    {
        var account = _states.GetValueOrDefault(id);
        var allowed = IsOpen(account) && account!.Balance == 0m;

        var events = Decide("close", $"close {id}", allowed,
            () => CloseAccount.Decide(account, new CloseAccount(id, "random", null), "property-test", now));
        if (events is not null)
        {
            Apply(events);
        }
    }

    public void CheckInvariants()
    {
        foreach (var (id, account) in _states)
        {
            Check(account.Balance >= 0m, $"{id} has a negative balance {account.Balance}");
            Check(account.Balance == _moneyIn[id] - _moneyOut[id],
                $"{id} holds {account.Balance} but accepted money in {_moneyIn[id]} minus out {_moneyOut[id]} is {_moneyIn[id] - _moneyOut[id]}");
            Check(account.Version == _streams[id].Count, $"{id} is at version {account.Version} after {_streams[id].Count} events");
        }

        var euros = _states.Values.Where(a => a.Currency == "EUR").Sum(a => a.Balance);
        Check(euros == _euroTotal, $"EUR accounts hold {euros} in total but deposits minus withdrawals are {_euroTotal}; a transfer created or lost money");
    }

    public void CheckFullReplay()
    {
        foreach (var (id, events) in _streams)
        {
            Check(Account.Fold(events) == _states[id], $"replaying {id} from scratch gives a different state");
            var times = events.Select(e => e.OccurredAt).ToList();
            Check(times.SequenceEqual(times.Order()), $"event times in {id} go backwards: {string.Join(", ", times)}");
        }

        Check(!_states.ContainsKey("ghost"), "a command on the never-opened account 'ghost' was accepted");
    }

    private List<IAccountEvent>? Decide(string kind, string what, bool allowed, Func<IEnumerable<IAccountEvent>> decide)
    {
        try
        {
            var events = decide().ToList();
            Check(allowed, $"{what} was accepted, but the rules forbid it");
            Count(kind + " accepted");
            return events;
        }
        catch (DomainException e)
        {
            Check(!allowed, $"{what} was rejected with '{e.Code}' ({e.Message}), but the rules allow it");
            Count(kind + " rejected");
            return null;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"seed {seed}, step {Step}: {what} threw {e}");
            return null;
        }
    }

    private void Apply(IEnumerable<IAccountEvent> events)
    {
        foreach (var e in events)
        {
            var previous = _states.GetValueOrDefault(e.AccountId);
            var next = Account.Evolve(previous, e);
            Check(previous is null || e.OccurredAt >= previous.LastUpdatedAt,
                $"{e.GetType().Name} on {e.AccountId} happened at {e.OccurredAt:O}, before the previous event at {previous?.LastUpdatedAt:O}");
            _states[e.AccountId] = next;
            if (!_streams.TryGetValue(e.AccountId, out var stream))
            {
                _streams[e.AccountId] = stream = [];
            }

            stream.Add(e);
        }
    }

    private void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    private static bool IsOpen(Account? account) => account is { Status: AccountStatus.Active };

    // Independent of Amounts.FitsCurrency: an amount fits when rounding it to the currency's digits changes nothing.
    private static bool Fits(decimal amount, string currency) =>
        decimal.Round(amount, currency == "JPY" ? 0 : 2) == amount;

    private void Check(bool condition, string message) =>
        Assert.True(condition, $"seed {seed}, step {Step}: {message}");
}
