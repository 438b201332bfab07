using Ledger.Web.Components.Shared;

namespace Ledger.Web.Tests.Components;

/// <summary>A server-paged grid renders before its first page arrives: until then it says so, not that nothing matches.</summary>
public sealed class GridEmptyTests : BunitContext
{
    [Fact]
    public void BeforeTheFirstPage_ItSaysLoading()
    {
        var cut = Render<GridEmpty>(p => p.Add(c => c.Loaded, false).AddChildContent("No account matches these filters."));

        Assert.Equal("Loading…", cut.Find("[role=status]").TextContent);
    }

    [Fact]
    public void AfterAnEmptyPage_ItSaysWhyThereAreNoRows()
    {
        var cut = Render<GridEmpty>(p => p.Add(c => c.Loaded, true).AddChildContent("No account matches these filters."));

        Assert.Equal("No account matches these filters.", cut.Find("[role=status]").TextContent);
    }
}
