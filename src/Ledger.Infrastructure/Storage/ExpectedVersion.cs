namespace Ledger.Infrastructure.Storage;

/// <summary>What the writer believes the stream's version is: no stream yet, exactly N, or anything.</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    public long Value { get; }

    public static ExpectedVersion NoStream { get; } = new(0);

    public static ExpectedVersion Any { get; } = new(AnyValue);

    public bool IsAny => Value == AnyValue;

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version));

    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
