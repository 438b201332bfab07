using Ledger.Web.Components.Pages.Accounts.TimeTravel;

namespace Ledger.Web.Tests.TimeTravel;

/// <summary>The time-travel cursor on its own: every move, without Blazor or a database.</summary>
public sealed class TimeTravelCursorTests
{
    [Fact]
    public void New_IsLive_AtTheHead()
    {
        var cursor = new TimeTravelCursor(5);

        Assert.True(cursor.IsLive);
        Assert.Null(cursor.Pinned);
        Assert.Equal(5, cursor.Position);
        Assert.Equal(0, cursor.NewerEvents);
        Assert.False(cursor.Playing);
        Assert.True(cursor.CanStepBack);
        Assert.False(cursor.CanStepForward);
    }

    [Fact]
    public void New_WithNoEvents_StandsAtVersionOne()
    {
        var cursor = new TimeTravelCursor(0);

        Assert.Equal(1, cursor.Head);
        Assert.False(cursor.CanStepBack);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 1)]
    [InlineData(-7, 1)]
    [InlineData(99, 5)]
    public void PinAt_ClampsToTheHistory(long asked, long pinned)
    {
        var cursor = new TimeTravelCursor(5);

        Assert.Equal(pinned, cursor.PinAt(asked));
        Assert.Equal(pinned, cursor.Pinned);
        Assert.Equal(pinned, cursor.Position);
        Assert.False(cursor.IsLive);
    }

    [Fact]
    public void StepBack_FromLive_PinsTheVersionBeforeTheHead()
    {
        var cursor = new TimeTravelCursor(5);

        Assert.Equal(4, cursor.StepBack());
        Assert.Equal(1, cursor.NewerEvents);
    }

    [Fact]
    public void StepBack_AtTheFirstEvent_StaysThere()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.First();

        Assert.False(cursor.CanStepBack);
        Assert.Equal(1, cursor.StepBack());
    }

    [Fact]
    public void StepForward_WhenLive_DoesNothing()
    {
        var cursor = new TimeTravelCursor(5);
        var generation = cursor.Generation;

        Assert.Null(cursor.StepForward());
        Assert.True(cursor.IsLive);
        Assert.Equal(generation, cursor.Generation);
    }

    [Fact]
    public void StepForward_WhenPinned_MovesOne_AndStopsPinnedAtTheHead()
    {
        var cursor = new TimeTravelCursor(3);
        cursor.PinAt(2);

        Assert.Equal(3, cursor.StepForward());
        Assert.Equal(3, cursor.StepForward());
        Assert.False(cursor.IsLive);
        Assert.True(cursor.CanStepForward);
    }

    [Fact]
    public void First_PinsVersionOne()
    {
        var cursor = new TimeTravelCursor(9);

        Assert.Equal(1, cursor.First());
        Assert.Equal(8, cursor.NewerEvents);
    }

    [Fact]
    public void GoLive_UnpinsStopsPlayingAndForgetsNewerEvents()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.StartPlaying();
        cursor.HeadMoved(6);

        cursor.GoLive();

        Assert.True(cursor.IsLive);
        Assert.Equal(6, cursor.Position);
        Assert.False(cursor.Playing);
        Assert.False(cursor.NewerEventsArrived);
        Assert.Equal(0, cursor.NewerEvents);
    }

    [Fact]
    public void HeadMoved_WhenLive_FollowsTheNewEvents()
    {
        var cursor = new TimeTravelCursor(5);

        cursor.HeadMoved(7);

        Assert.True(cursor.IsLive);
        Assert.Equal(7, cursor.Position);
        Assert.False(cursor.NewerEventsArrived);
    }

    [Fact]
    public void HeadMoved_WhenPinned_StaysPut_AndSaysNewerEventsExist()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);

        cursor.HeadMoved(8);

        Assert.Equal(2, cursor.Position);
        Assert.True(cursor.NewerEventsArrived);
        Assert.Equal(6, cursor.NewerEvents);
    }

    [Fact]
    public void HeadMoved_ToTheSameVersion_IsNotNews()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);

        cursor.HeadMoved(5);

        Assert.False(cursor.NewerEventsArrived);
        Assert.Equal(3, cursor.NewerEvents);
    }

    [Fact]
    public void HeadMoved_BelowThePin_ClampsThePin()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(5);

        cursor.HeadMoved(3);

        Assert.Equal(3, cursor.Pinned);
        Assert.Equal(0, cursor.NewerEvents);
    }

    [Fact]
    public void IsCurrent_OnlyForTheLatestMove()
    {
        var cursor = new TimeTravelCursor(5);
        cursor.PinAt(2);
        var first = cursor.Generation;
        cursor.PinAt(3);

        Assert.False(cursor.IsCurrent(first));
        Assert.True(cursor.IsCurrent(cursor.Generation));
        cursor.GoLive();
        Assert.False(cursor.IsCurrent(first + 1));
    }
}
