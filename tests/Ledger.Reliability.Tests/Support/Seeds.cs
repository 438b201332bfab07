using System.Runtime.CompilerServices;

namespace Ledger.Reliability.Tests.Support;

/// <summary>
/// Every randomized test draws from a seed: its own default, or <c>LEDGER_SEED</c> when set. Any failure
/// inside <see cref="RunAsync"/> is rethrown with the seed and the command that reruns it.
/// </summary>
public static class Seeds
{
    public const string Variable = "LEDGER_SEED";

    public static int Resolve(int defaultSeed)
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(text) ? defaultSeed : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public static bool Overridden => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Resolves the seed (<paramref name="defaultSeed"/> unless <c>LEDGER_SEED</c> says otherwise) and runs <paramref name="body"/> with it.</summary>
    public static Task WithSeedAsync(int defaultSeed, Func<int, Task> body, [CallerMemberName] string test = "")
    {
        var seed = Resolve(defaultSeed);
        return RunAsync(seed, () => body(seed), test);
    }

    public static async Task RunAsync(int seed, Func<Task> body, [CallerMemberName] string test = "")
    {
        try
        {
            await body();
        }
        catch (Exception failure) when (failure is not SeededFailureException)
        {
            throw new SeededFailureException(seed, test, failure);
        }
    }

    public static string Rerun(int seed, string test) =>
        $"rerun: {Variable}={seed.ToString(CultureInfo.InvariantCulture)} dotnet test tests/Ledger.Reliability.Tests --filter \"FullyQualifiedName~{test}\"";
}

public sealed class SeededFailureException(int seed, string test, Exception inner)
    : Exception($"[seed {seed}] {inner.GetType().Name}: {inner.Message}{Environment.NewLine}{Seeds.Rerun(seed, test)}", inner)
{
    public int Seed { get; } = seed;
}
