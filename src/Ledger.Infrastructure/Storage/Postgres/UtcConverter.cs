using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ledger.Infrastructure.Storage.Postgres;

/// <summary>
/// Npgsql writes only UTC offsets to <c>timestamptz</c>; queries take moments with any offset (an API
/// caller's <c>at=...+02:00</c>), so every instant EF Core sends is converted to the same instant in UTC.
/// </summary>
public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
