using System.Text;
using CsvHelper;
using Ledger.Domain.Money;

namespace Ledger.Web.Api;

/// <summary>
/// A statement as RFC 4180 CSV (CsvHelper): a header row, one row per line, CRLF line ends, fields quoted only
/// when they need it, amounts in the invariant culture with the currency's decimals, times in UTC ISO 8601.
/// The API's download and the UI's "Download CSV" are this one writer.
/// </summary>
public static class StatementCsv
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header = ["date", "type", "reference", "description", "counterparty", "amount", "balance"];

    /// <summary>
    /// RFC 4180 (CRLF, quotes when needed), and a text field a spreadsheet would run as a formula (a description
    /// starting with "=") is escaped with a leading apostrophe; amounts are numbers, so "-12.50" stays one.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static byte[] Write(StatementView statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            var amountFormat = "F" + Currency.DecimalPlaces(statement.Currency).ToString(CultureInfo.InvariantCulture);
            foreach (var line in statement.Lines)
            {
                csv.WriteField(line.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(line.EventType);
                csv.WriteField(line.Reference ?? "");
                csv.WriteField(line.Description ?? "");
                csv.WriteField(line.CounterpartyAccountId ?? "");
                csv.WriteField(line.Amount, amountFormat, CultureInfo.InvariantCulture);
                csv.WriteField(line.BalanceAfter, amountFormat, CultureInfo.InvariantCulture);
                csv.EndRecord();
            }

            csv.Flush();
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }
}
