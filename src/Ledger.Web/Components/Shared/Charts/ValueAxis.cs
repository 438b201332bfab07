using Ledger.Domain.Money;

namespace Ledger.Web.Components.Shared.Charts;

/// <summary>One gridline of a money axis: where it stands and what it says.</summary>
public sealed record AxisTick(decimal Value, string Text);

/// <summary>
/// A money (or count) axis with round steps (0, 250,000, 500,000, ...) that holds every value and zero, so a falling
/// balance is not drawn as a crash. Labels are exact amounts in the reader's notation, never 1.1M: that
/// would need each culture's own abbreviations, and an axis of round steps is short enough without.
/// </summary>
public sealed record ValueAxis(decimal Low, decimal High, decimal Step, IReadOnlyList<AxisTick> Ticks)
{
    // 2.5 beside 1, 2 and 5: steps of 250,000 read as round as 200,000 and often fill the height better.
    private static readonly decimal[] Multiples = [1m, 2m, 2.5m, 5m];

    /// <summary>The finest round step that covers the values in at most <paramref name="maxIntervals"/> intervals.</summary>
    public static ValueAxis For(decimal min, decimal max, string currency, int maxIntervals = 5) =>
        For(min, max, Currency.DecimalPlaces(currency), maxIntervals);

    /// <summary>An axis of whole numbers (events, accounts): steps of 1, 2, 5, 10, 20, 25, 50 and so on.</summary>
    public static ValueAxis ForCounts(long max, int maxIntervals = 5) => For(0m, max, 0, maxIntervals);

    private static ValueAxis For(decimal min, decimal max, int digits, int maxIntervals)
    {
        var low = Math.Min(0m, min);
        var high = Math.Max(0m, max);
        if (high == low)
        {
            high = low + 1m;
        }

        var unit = 1m / Pow10(digits);
        for (var scale = unit; ; scale *= 10m)
        {
            foreach (var multiple in Multiples)
            {
                var step = scale * multiple;
                // 2.5 yen, or 0.025 euro, is no amount anyone can hold.
                if (step % unit != 0m)
                {
                    continue;
                }

                var from = Math.Floor(low / step);
                var to = Math.Ceiling(high / step);
                if (to - from <= maxIntervals)
                {
                    return Build(from, to, step, digits);
                }
            }
        }
    }

    private static ValueAxis Build(decimal from, decimal to, decimal step, int digits)
    {
        // Whole steps need no ".00" after every label; finer steps show the currency's digits, as amounts do.
        var format = step % 1m == 0m ? "N0" : "N" + digits.ToString(CultureInfo.InvariantCulture);
        var ticks = new List<AxisTick>();
        for (var n = from; n <= to; n++)
        {
            var value = n * step;
            ticks.Add(new AxisTick(value, value.ToString(format, CultureInfo.CurrentCulture)));
        }

        return new ValueAxis(from * step, to * step, step, ticks);
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
