namespace Ledger.Web.Components.Pages.Accounts.TimeTravel;

/// <summary>
/// Where time travel stands on one account, apart from any UI: Live (following the newest event) or
/// pinned at a version. Moves return the version to show; each move bumps <see cref="Generation"/>,
/// so a state loaded for a move that a later move overtook (a fast drag) can be told apart and dropped.
/// </summary>
public sealed class TimeTravelCursor
{
    /// <summary>Play goes through a history in about this many steps, however long it is.</summary>
    public const int PlaySteps = 150;

    public TimeTravelCursor(long head) => Head = Math.Max(1, head);

    /// <summary>The account's newest version, as last loaded.</summary>
    public long Head { get; private set; }

    /// <summary>The version time travel is pinned at; null when Live.</summary>
    public long? Pinned { get; private set; }

    public bool IsLive => Pinned is null;

    public long Position => Pinned ?? Head;

    public bool CanStepBack => Position > 1;

    /// <summary>Only from a pin before the newest event: at the newest (an "as of" date after it, say) there is nothing further.</summary>
    public bool CanStepForward => Pinned < Head;

    /// <summary>How many events are newer than the pinned version (0 when Live).</summary>
    public long NewerEvents => Pinned is { } pinned ? Head - pinned : 0;

    /// <summary>True when events arrived while pinned: the view stayed put and must say so.</summary>
    public bool NewerEventsArrived { get; private set; }

    public bool Playing { get; private set; }

    public int Generation { get; private set; }

    /// <summary>Each play step advances this many versions.</summary>
    public long PlayStride => Math.Max(1, Head / PlaySteps);

    public bool IsCurrent(int generation) => generation == Generation;

    /// <summary>The account was reloaded. A pinned view stays where the user put it and notes that more happened.</summary>
    public void HeadMoved(long head)
    {
        head = Math.Max(1, head);
        if (Pinned is { } pinned)
        {
            NewerEventsArrived |= head != Head;
            Pinned = Math.Min(pinned, head);
        }

        Head = head;
    }

    public long PinAt(long version)
    {
        Generation++;
        Pinned = Math.Clamp(version, 1, Head);
        return Pinned.Value;
    }

    public long First() => PinAt(1);

    public long StepBack() => PinAt(Position - 1);

    /// <summary>Null when Live: there is nothing after the present.</summary>
    public long? StepForward() => Pinned is { } pinned ? PinAt(pinned + 1) : null;

    public void GoLive()
    {
        Generation++;
        Playing = false;
        Pinned = null;
        NewerEventsArrived = false;
    }

    /// <summary>Starts playing; from the first event when Live or already at the end. Returns the version to show when it moved.</summary>
    public long? StartPlaying()
    {
        Playing = true;
        return Pinned is null || Pinned >= Head ? PinAt(1) : null;
    }

    /// <summary>The next play step's version, or null when play is over (it stops at the newest event).</summary>
    public long? PlayStep()
    {
        if (!Playing)
        {
            return null;
        }

        if (Pinned is not { } pinned || pinned >= Head)
        {
            Playing = false;
            return null;
        }

        return PinAt(pinned + PlayStride);
    }

    public void StopPlaying() => Playing = false;
}
