using System.Text;

namespace Ledger.Infrastructure.Storage.Sql;

/// <summary>
/// "Contains this text, whatever its case", the same on both engines. PostgreSQL lowers both sides (ILIKE, or
/// lower() LIKE lower() for EF's Like), Unicode-aware. SQLite's LIKE folds only ASCII letters, so "élise" missed
/// "Élise" there; on SQLite the text becomes a GLOB pattern instead, with a class holding both cases of every
/// letter ("*[éÉ][lL]…*"), which GLOB matches exactly, and nothing of the text is a wildcard.
/// </summary>
public static class SearchText
{
    /// <summary>The pattern for the engine's matching operator: a LIKE pattern (escape \) on PostgreSQL, a GLOB pattern on SQLite.</summary>
    public static string PatternFor(SqlEngine engine, string text) => PatternFor(engine.Provider == "postgres", text);

    public static string PatternFor(bool postgres, string text) => postgres ? Like(text) : CaselessGlob(text);

    /// <summary>%text% with LIKE's own wildcards (and its escape character) taken literally.</summary>
    public static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>*text* for GLOB, each cased letter as a class of its two cases, GLOB's wildcards as one-character classes.</summary>
    public static string CaselessGlob(string text) => CaselessGlob(text, anywhere: true);

    /// <summary>The whole of <paramref name="text"/>, whatever its case: <see cref="CaselessGlob(string)"/> without the stars.</summary>
    public static string CaselessGlobOfAll(string text) => CaselessGlob(text, anywhere: false);

    private static string CaselessGlob(string text, bool anywhere)
    {
        var pattern = new StringBuilder(anywhere ? "*" : "", (text.Length * 4) + 2);
        foreach (var c in text)
        {
            var (lower, upper) = (char.ToLowerInvariant(c), char.ToUpperInvariant(c));
            if (lower != upper)
            {
                pattern.Append('[').Append(lower).Append(upper).Append(']');
            }
            else if (c is '*' or '?' or '[')
            {
                pattern.Append('[').Append(c).Append(']');
            }
            else
            {
                pattern.Append(c);
            }
        }

        return (anywhere ? pattern.Append('*') : pattern).ToString();
    }
}
