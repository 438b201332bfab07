using Ledger.Infrastructure.Storage.Sql;

namespace Ledger.Infrastructure.Tests.Queries;

/// <summary>The patterns a search becomes: nothing typed is a wildcard, and on SQLite every letter matches both its cases.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("élise", "*[éÉ][lL][iI][sS][eE]*")]
    [InlineData("A1-b", "*[aA]1-[bB]*")]
    [InlineData("*?[]^", "*[*][?][[]]^*")]
    [InlineData("%_", "*%_*")]
    public void OnSqlite_ItIsAGlobSpellingOutBothCases(string text, string glob) =>
        Assert.Equal(glob, SearchText.PatternFor(postgres: false, text));

    [Theory]
    [InlineData("Élise", "[éÉ][lL][iI][sS][eE]")]
    [InlineData("a*?[b", "[aA][*][?][[][bB]")]
    public void OnSqlite_AWholeNameIsTheSameGlob_WithoutTheStars(string text, string glob) =>
        Assert.Equal(glob, SearchText.CaselessGlobOfAll(text));

    [Theory]
    [InlineData("Ünal", "%Ünal%")]
    [InlineData(@"50%_off\", @"%50\%\_off\\%")]
    public void OnPostgres_ItIsALikePatternWithItsWildcardsEscaped(string text, string like) =>
        Assert.Equal(like, SearchText.PatternFor(postgres: true, text));
}
