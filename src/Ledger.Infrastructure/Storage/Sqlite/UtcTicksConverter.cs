using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ledger.Infrastructure.Storage.Sqlite;

/// <summary>
/// Stores instants as UTC ticks: exact to 100 ns, and an integer SQLite can index, sort and compare
/// (EF Core's SQLite provider cannot order or compare <see cref="DateTimeOffset"/> text).
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
