namespace Ledger.Reliability.Tests.Support;

public sealed record ModelAccount(string Id, string Currency, long Minor, bool Closed, long Version)
{
    public decimal Balance
    {
        get
        {
            decimal value = Minor;
            for (var i = 0; i < ReferenceModel.DigitsOf(Currency); i++)
            {
                value /= 10;
            }

            return value;
        }
    }
}

/// <summary>An amount written by its value, so 10 and 10.00 read the same.</summary>
internal sealed class DecimalByValue : System.Text.Json.Serialization.JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
}

public abstract record Expected
{
    public bool Replayed { get; init; }
}

public sealed record Refused(string Code) : Expected;

/// <summary>Accepted, leaving these accounts (the source first for a transfer) in these states.</summary>
public sealed record Accepted(IReadOnlyList<ModelAccount> Accounts) : Expected
{
    public override string ToString() => $"Accepted [{string.Join(", ", Accounts)}]{(Replayed ? " (replay)" : "")}";
}
