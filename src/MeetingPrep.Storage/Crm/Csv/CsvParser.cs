using System.Text;

namespace MeetingPrep.Storage.Crm.Csv;

/// <summary>One record of a CSV file: the physical line it starts on (1-based) and its fields.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>What is wrong where: file, physical line (1-based), column (1-based, with its header name when known), reason.</summary>
public sealed record CsvProblem(string File, int Line, int? Column, string? ColumnName, string Reason)
{
    public override string ToString()
    {
        var where = Column is null ? $"{File} line {Line}" : $"{File} line {Line}, column {Column}" + (ColumnName is null ? string.Empty : $" ({ColumnName})");
        return $"{where}: {Reason}";
    }
}

/// <summary>
/// RFC 4180: comma-separated, CRLF or LF line ends, fields optionally in double quotes; inside quotes a doubled quote is
/// a quote and commas and line breaks are data. Anything else (a stray quote, an unterminated field) is a problem, not a guess.
/// </summary>
public static class CsvParser
{
    public static IReadOnlyList<CsvRow> Parse(string file, string text, List<CsvProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var fieldQuoted = false;
        var rowBroken = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldQuoted = false;
        }

        void EndRow()
        {
            EndField();
            // A line with nothing on it (often the last) is not a record.
            if (!rowBroken && !(fields.Count == 1 && fields[0].Length == 0))
            {
                rows.Add(new CsvRow(rowLine, [.. fields]));
            }

            fields.Clear();
            rowBroken = false;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !fieldQuoted)
            {
                // A quoted field: read to the closing quote.
                var startLine = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    if (q == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        field.Append("\r\n");
                        i += 2;
                        line++;
                        continue;
                    }

                    if (q == '\n' || q == '\r')
                    {
                        line++;
                    }

                    field.Append(q);
                    i++;
                }

                if (!closed)
                {
                    problems.Add(new CsvProblem(file, startLine, fields.Count + 1, null, "quoted field is never closed (missing closing \")"));
                    rowBroken = true;
                    break;
                }

                fieldQuoted = true;
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    problems.Add(new CsvProblem(file, line, fields.Count + 1, null, "unexpected text after a closing quote; quote the whole field and double any quote inside it"));
                    rowBroken = true;

                    // Skip to the end of the line to resynchronise.
                    while (i < text.Length && text[i] is not ('\r' or '\n'))
                    {
                        i++;
                    }
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    i++;
                    break;
                case '\r' or '\n':
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                case '"':
                    if (!rowBroken)
                    {
                        problems.Add(new CsvProblem(file, line, fields.Count + 1, null, "a quote inside an unquoted field; quote the whole field and double the quote"));
                        rowBroken = true;
                    }

                    i++;
                    break;
                default:
                    if (fieldQuoted)
                    {
                        i++;
                        break;
                    }

                    field.Append(c);
                    i++;
                    break;
            }
        }

        if (fields.Count > 0 || field.Length > 0 || fieldQuoted)
        {
            EndRow();
        }

        return rows;
    }
}

/// <summary>Writes RFC 4180 CSV: CRLF line ends, quotes only where a field needs them.</summary>
public sealed class CsvWriter
{
    // Every cell goes through CsvFormulaGuard: an export is opened in spreadsheets, and CRM text is untrusted.
    private readonly StringBuilder _text = new();

    public void WriteRow(IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var value in fields)
        {
            if (!first)
            {
                _text.Append(',');
            }

            first = false;
            var v = CsvFormulaGuard.Protect(value ?? string.Empty);
            if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (v.Length > 0 && (char.IsWhiteSpace(v[0]) || char.IsWhiteSpace(v[^1]))))
            {
                _text.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _text.Append(v);
            }
        }

        _text.Append("\r\n");
    }

    public override string ToString() => _text.ToString();
}

/// <summary>
/// Spreadsheets run a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR as a formula
/// (CSV injection: <c>=HYPERLINK(...)</c>, DDE). Such a cell is written with a leading apostrophe, which spreadsheets
/// show as text; the reader takes exactly one apostrophe off again, so import and export still round-trip.
/// A value that already starts with apostrophes before such a character gets one more, so it survives too.
/// Plain numbers (<c>-3.25</c>) are left alone: they are data, not formulas.
/// </summary>
public static class CsvFormulaGuard
{
    private const char Apostrophe = '\'';

    public static string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NeedsGuard(value) ? Apostrophe + value : value;
    }

    /// <summary>The value as it was before <see cref="Protect"/>; anything else is returned unchanged.</summary>
    public static string Unprotect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == Apostrophe && NeedsGuard(value[1..]) ? value[1..] : value;
    }

    private static bool NeedsGuard(string value)
    {
        var start = 0;
        while (start < value.Length && value[start] == Apostrophe)
        {
            start++;
        }

        return start < value.Length && value[start] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value);
    }

    private static bool IsPlainNumber(string value) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _);
}
