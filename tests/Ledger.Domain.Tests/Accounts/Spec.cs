namespace Ledger.Domain.Tests.Accounts;

/// <summary>
/// Given/When/Then for the account decider: fold the history with <see cref="Account.Evolve"/>, decide at a
/// fixed time, then compare the exact events or the rejection's stable code. No database, no clock.
/// </summary>
internal static class Spec
{
    /// <summary>The fixed "now" every decision runs at unless a scenario says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static Scenario Given(params IAccountEvent[] history) => new(history, Now);
}

internal sealed class Scenario(IReadOnlyList<IAccountEvent> history, DateTimeOffset now)
{
    /// <summary>Runs the decision at <paramref name="time"/> instead of <see cref="Spec.Now"/>.</summary>
    public Scenario At(DateTimeOffset time) => new(history, time);

    /// <summary>A decision about one account: it receives the folded state (null if never opened) and now.</summary>
    public Outcome When(Func<Account?, DateTimeOffset, IEnumerable<IAccountEvent>> decide)
    {
        var streams = history.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(streams.Count <= 1,
            $"A single-account decision was given the history of {streams.Count} accounts; use When(Transfer(...)).");
        var state = Account.Fold(history);
        return new Outcome(history, () => decide(state, now));
    }

    /// <summary>
    /// A transfer: each side gets the fold of its own account's events. The command is built inside the
    /// decision, because a malformed transfer is refused by its constructor.
    /// </summary>
    public Outcome When(Func<TransferMoney> transfer) => new(history, () =>
    {
        var command = transfer();
        var legs = TransferMoney.Decide(StateOf(history, command.FromAccountId), StateOf(history, command.ToAccountId), command, now);
        return [legs.Initiated, legs.Received];
    });

    internal static Account? StateOf(IEnumerable<IAccountEvent> events, string accountId) =>
        Account.Fold(events.Where(e => string.Equals(e.AccountId, accountId, StringComparison.Ordinal)));
}

internal sealed class Outcome(IReadOnlyList<IAccountEvent> history, Func<IEnumerable<IAccountEvent>> decide)
{
    /// <summary>Asserts the decision accepted the command and produced exactly <paramref name="expected"/>.</summary>
    public Accepted Then(params IAccountEvent[] expected)
    {
        var accepted = ThenAccepted();
        Assert.Equal(expected, accepted.Events);
        return accepted;
    }

    /// <summary>Asserts the decision accepted the command; the caller checks the events or the new state.</summary>
    public Accepted ThenAccepted()
    {
        var (produced, error) = Run();
        if (error is DomainException rejected)
        {
            Assert.Fail($"Expected the command to be accepted, but it was rejected with '{rejected.Code}': {rejected.Message}");
        }
        else if (error is not null)
        {
            Assert.Fail($"Expected the command to be accepted, but the decision threw {error}");
        }

        Assert.NotEmpty(produced);
        return new Accepted(history, produced);
    }

    /// <summary>
    /// Asserts the decision threw a <see cref="DomainException"/> with <paramref name="code"/> (and, when given,
    /// <paramref name="field"/>) and produced no event at all, not even before it threw.
    /// </summary>
    public DomainException ThenRejected(string code, string? field = null)
    {
        var (produced, error) = Run();
        if (error is null)
        {
            Assert.Fail($"Expected a rejection with '{code}', but the decision produced: {Describe(produced)}");
        }

        var rejected = Assert.IsType<DomainException>(error);
        Assert.True(code == rejected.Code, $"Expected code '{code}' but got '{rejected.Code}': {rejected.Message}");
        Assert.True(produced.Count == 0, $"A rejection must produce no event, but got: {Describe(produced)}");
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message), "A rejection needs a sentence a person understands.");
        if (field is not null)
        {
            Assert.Equal(field, rejected.Field);
        }

        return rejected;
    }

    private (List<IAccountEvent> Produced, Exception? Error) Run()
    {
        // Collect one event at a time so a decision that yields and then throws is caught as a partial write.
        var produced = new List<IAccountEvent>();
        try
        {
            foreach (var e in decide())
            {
                produced.Add(e);
            }

            return (produced, null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (produced, e);
        }
    }

    private static string Describe(IReadOnlyCollection<IAccountEvent> events) =>
        events.Count == 0 ? "no events" : string.Join("; ", events);
}

/// <summary>An accepted decision: its events, and the states after folding them onto the history.</summary>
internal sealed class Accepted(IReadOnlyList<IAccountEvent> history, IReadOnlyList<IAccountEvent> events)
{
    public IReadOnlyList<IAccountEvent> Events { get; } = events;

    /// <summary>The single account's state after the new events.</summary>
    public Account State
    {
        get
        {
            var after = Account.Fold(history.Concat(Events));
            Assert.NotNull(after);
            return after;
        }
    }

    public Account StateOf(string accountId)
    {
        var after = Scenario.StateOf(history.Concat(Events), accountId);
        Assert.NotNull(after);
        return after;
    }
}
