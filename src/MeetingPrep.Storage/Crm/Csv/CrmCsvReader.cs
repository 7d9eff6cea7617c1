using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Storage.Crm.Csv;

/// <summary>The outcome of reading a set of CRM CSV files: the data, or (never both) every problem found.</summary>
public sealed record CrmCsvReadResult(CrmContext? Data, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Data is not null && Problems.Count == 0;
}

/// <summary>
/// Turns the CRM CSV files into a <see cref="CrmContext"/>, checking everything first: headers, required values, numbers,
/// dates, duplicate ids and account references. Pure: no database, so a whole file set is judged before anything is written.
/// </summary>
public static class CrmCsvReader
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
    ];

    /// <param name="files">File name (e.g. "accounts.csv") to its text.</param>
    /// <param name="now">Stands in for a blank last_modified.</param>
    /// <param name="knownAccountIds">Accounts already stored, which rows may refer to without repeating them.</param>
    public static CrmCsvReadResult Read(IReadOnlyDictionary<string, string> files, DateTimeOffset now, IReadOnlySet<string> knownAccountIds)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(knownAccountIds);
        var problems = new List<CsvProblem>();
        if (files.Count == 0)
        {
            problems.Add(new CsvProblem("(none)", 0, null, null, $"no CSV files; expected any of {string.Join(", ", CrmCsvFormat.Files.Keys)}"));
            return new CrmCsvReadResult(null, problems);
        }

        var tables = new Dictionary<string, Table>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!CrmCsvFormat.Files.TryGetValue(name, out var columns))
            {
                problems.Add(new CsvProblem(name, 1, null, null, $"unknown file; expected any of {string.Join(", ", CrmCsvFormat.Files.Keys)}"));
                continue;
            }

            var table = Table.Load(name, text, columns, problems);
            if (table is not null)
            {
                tables[name] = table;
            }
        }

        var utcNow = now.ToUniversalTime();
        var accounts = ReadAccounts(tables, utcNow, problems, out var accountLines);
        var accountIds = new HashSet<string>(knownAccountIds, StringComparer.Ordinal);
        accountIds.UnionWith(accountLines.Keys);

        var contacts = ReadKind(tables, CrmCsvFormat.Contacts, problems, accountIds, c => c.Id, c => c.AccountId, r => new CrmContact(
            r.Text("id"),
            r.OptionalText("account_id"),
            r.Text("name"),
            r.Text("email"),
            r.OptionalText("job_title"),
            r.OptionalText("role"),
            r.Uri("url"),
            r.Timestamp("last_modified") ?? utcNow));

        var opportunities = ReadKind(tables, CrmCsvFormat.Opportunities, problems, accountIds, o => o.Id, o => o.AccountId, r => new Opportunity(
            r.Text("id"),
            r.Text("account_id"),
            r.Text("name"),
            r.Text("stage"),
            r.Decimal("amount"),
            r.OptionalText("currency")?.ToUpperInvariant(),
            r.Date("close_date"),
            r.Boolean("is_closed") ?? false,
            r.Timestamp("last_activity"),
            r.Uri("url"),
            r.Timestamp("last_modified") ?? utcNow));

        var notes = ReadKind(tables, CrmCsvFormat.Notes, problems, accountIds, n => n.Id, n => n.AccountId, r =>
        {
            var created = r.Timestamp("created") ?? default;
            return new CrmNote(
                r.Text("id"),
                r.Text("account_id"),
                r.Text("title"),
                r.Text("text"),
                r.OptionalText("author"),
                created,
                r.Uri("url"),
                r.Timestamp("last_modified") ?? created);
        });

        var cases = ReadKind(tables, CrmCsvFormat.Cases, problems, accountIds, c => c.Id, c => c.AccountId, r => new CrmCase(
            r.Text("id"),
            r.Text("account_id"),
            r.Text("number"),
            r.Text("title"),
            r.Text("status"),
            r.Priority("priority") ?? CasePriority.Normal,
            r.Boolean("is_open") ?? false,
            r.Boolean("is_escalated") ?? false,
            r.Timestamp("opened") ?? default,
            r.Timestamp("escalated_at"),
            r.OptionalText("opened_by_email"),
            r.Uri("url"),
            r.Timestamp("last_modified") ?? utcNow));

        var metrics = ReadMetrics(tables, utcNow, problems, accountIds);

        return problems.Count > 0
            ? new CrmCsvReadResult(null, problems)
            : new CrmCsvReadResult(new CrmContext(accounts, contacts, opportunities, notes, cases, metrics), problems);
    }

    private static List<CrmAccount> ReadAccounts(Dictionary<string, Table> tables, DateTimeOffset now, List<CsvProblem> problems, out Dictionary<string, int> lines)
    {
        lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<CrmAccount>();
        if (!tables.TryGetValue(CrmCsvFormat.Accounts, out var table))
        {
            return result;
        }

        foreach (var r in table.Rows(problems))
        {
            var account = new CrmAccount(
                r.Text("id"),
                r.Text("name"),
                r.OptionalText("domain")?.ToLowerInvariant(),
                r.OptionalText("tier"),
                r.OptionalText("industry"),
                r.OptionalText("owner_name"),
                r.OptionalText("owner_email"),
                r.Uri("url"),
                r.Timestamp("last_modified") ?? now);
            if (r.CheckUnique(lines, account.Id))
            {
                result.Add(account);
            }
        }

        return result;
    }

    private static List<T> ReadKind<T>(
        Dictionary<string, Table> tables,
        string file,
        List<CsvProblem> problems,
        HashSet<string> accountIds,
        Func<T, string> idOf,
        Func<T, string?> accountOf,
        Func<RowReader, T> build)
    {
        var result = new List<T>();
        if (!tables.TryGetValue(file, out var table))
        {
            return result;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in table.Rows(problems))
        {
            var record = build(r);
            var unique = r.CheckUnique(lines, idOf(record));
            if (accountOf(record) is { } accountId)
            {
                r.CheckAccount(accountIds, accountId);
            }

            if (unique)
            {
                result.Add(record);
            }
        }

        return result;
    }

    private static List<MetricSeries> ReadMetrics(Dictionary<string, Table> tables, DateTimeOffset now, List<CsvProblem> problems, HashSet<string> accountIds)
    {
        var result = new List<MetricSeries>();
        if (!tables.TryGetValue(CrmCsvFormat.Metrics, out var table))
        {
            return result;
        }

        var series = new Dictionary<string, (MetricSeries Head, List<MetricPoint> Points, Dictionary<DateOnly, int> Lines)>(StringComparer.Ordinal);
        foreach (var r in table.Rows(problems))
        {
            var id = r.Text("series_id");
            var accountId = r.Text("account_id");
            r.CheckAccount(accountIds, accountId);
            var head = new MetricSeries(id, accountId, r.Text("name"), r.Text("unit"), r.Boolean("higher_is_better") ?? true, [], r.Uri("url"), r.Timestamp("last_modified") ?? now);
            var period = r.Date("period");
            var value = r.Decimal("value");
            if (!series.TryGetValue(id, out var entry))
            {
                entry = (head, [], []);
                series[id] = entry;
            }
            else
            {
                // Every row repeats the series' attributes; they must agree.
                r.CheckSame("account_id", entry.Head.AccountId, head.AccountId, id);
                r.CheckSame("name", entry.Head.Name, head.Name, id);
                r.CheckSame("unit", entry.Head.Unit, head.Unit, id);
                r.CheckSame("higher_is_better", entry.Head.HigherIsBetter.ToString(), head.HigherIsBetter.ToString(), id);
                if (head.LastModified > entry.Head.LastModified)
                {
                    entry.Head = entry.Head with { LastModified = head.LastModified };
                    series[id] = entry;
                }
            }

            if (period is { } p && value is { } v)
            {
                if (entry.Lines.TryGetValue(p, out var firstLine))
                {
                    r.Problem("period", $"series '{id}' already has a point for {p:yyyy-MM-dd} (line {firstLine})");
                }
                else
                {
                    entry.Lines[p] = r.Line;
                    entry.Points.Add(new MetricPoint(p, v));
                }
            }
        }

        foreach (var (_, entry) in series)
        {
            result.Add(entry.Head with { Points = [.. entry.Points.OrderBy(p => p.Period)] });
        }

        return result;
    }

    /// <summary>A parsed file whose header has been checked.</summary>
    private sealed class Table
    {
        private readonly string _file;
        private readonly IReadOnlyList<CsvRow> _rows;
        private readonly Dictionary<string, (int Index, CsvColumn Column)> _columns;
        private readonly int _width;

        private Table(string file, IReadOnlyList<CsvRow> rows, Dictionary<string, (int, CsvColumn)> columns, int width)
        {
            _file = file;
            _rows = rows;
            _columns = columns;
            _width = width;
        }

        public static Table? Load(string file, string text, IReadOnlyList<CsvColumn> schema, List<CsvProblem> problems)
        {
            var before = problems.Count;
            var rows = CsvParser.Parse(file, text, problems);
            if (rows.Count == 0 || rows[0].Line != 1)
            {
                if (problems.Count == before)
                {
                    problems.Add(new CsvProblem(file, 1, null, null, "no header row; the first line must name the columns"));
                }

                return null;
            }

            var header = rows[0].Fields;
            var columns = new Dictionary<string, (int, CsvColumn)>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                var name = header[i].Trim();
                var column = schema.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (column is null)
                {
                    problems.Add(new CsvProblem(file, 1, i + 1, name, $"unknown header '{name}'; the columns are {string.Join(", ", schema.Select(c => c.Name))}"));
                }
                else if (!columns.TryAdd(column.Name, (i, column)))
                {
                    problems.Add(new CsvProblem(file, 1, i + 1, name, $"header '{name}' appears twice"));
                }
            }

            foreach (var missing in schema.Where(c => c.Required && !columns.ContainsKey(c.Name)))
            {
                problems.Add(new CsvProblem(file, 1, null, missing.Name, $"required column '{missing.Name}' is missing from the header"));
            }

            return problems.Count == before ? new Table(file, rows, columns, header.Count) : null;
        }

        public IEnumerable<RowReader> Rows(List<CsvProblem> problems)
        {
            foreach (var row in _rows.Skip(1))
            {
                if (row.Fields.Count != _width)
                {
                    problems.Add(new CsvProblem(_file, row.Line, null, null, $"has {row.Fields.Count} fields but the header has {_width}"));
                    continue;
                }

                yield return new RowReader(_file, row, _columns, problems);
            }
        }
    }

    /// <summary>Reads typed values from one row; every bad value becomes a problem at its line and column.</summary>
    private sealed class RowReader(string file, CsvRow row, Dictionary<string, (int Index, CsvColumn Column)> columns, List<CsvProblem> problems)
    {
        public int Line => row.Line;

        public string Text(string name) => OptionalText(name) ?? string.Empty;

        public string? OptionalText(string name)
        {
            if (!columns.TryGetValue(name, out var c))
            {
                return null;
            }

            var raw = row.Fields[c.Index];
            var value = CsvFormulaGuard.Unprotect(name == "text" ? raw : raw.Trim());
            if (value.Trim().Length == 0)
            {
                if (c.Column.Required)
                {
                    Problem(name, "missing required value");
                }

                return null;
            }

            if (c.Column.MaxLength > 0 && value.Length > c.Column.MaxLength)
            {
                Problem(name, $"too long ({value.Length} characters, at most {c.Column.MaxLength})");
            }

            switch (c.Column.Type)
            {
                case CsvType.Email when !IsEmail(value):
                    Problem(name, $"'{value}' is not an e-mail address");
                    break;
                case CsvType.Currency when value.Length != 3 || !value.All(char.IsAsciiLetter):
                    Problem(name, $"'{value}' is not a three-letter ISO 4217 currency code");
                    break;
            }

            return value;
        }

        public decimal? Decimal(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }

            Problem(name, $"'{value}' is not a number (use digits with a '.' decimal point and no thousands separators)");
            return null;
        }

        public DateOnly? Date(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            Problem(name, $"'{value}' is not a date (use yyyy-MM-dd)");
            return null;
        }

        public DateTimeOffset? Timestamp(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (DateTimeOffset.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            {
                return t.ToUniversalTime();
            }

            Problem(name, $"'{value}' is not an ISO 8601 date and time (use e.g. 2026-11-27T09:30:00Z)");
            return null;
        }

        public bool? Boolean(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (bool.TryParse(value, out var b))
            {
                return b;
            }

            Problem(name, $"'{value}' is not true or false");
            return null;
        }

        public CasePriority? Priority(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (Enum.TryParse<CasePriority>(value, ignoreCase: true, out var p) && Enum.IsDefined(p) && !value.All(char.IsAsciiDigit))
            {
                return p;
            }

            Problem(name, $"'{value}' is not a priority (Low, Normal, High or Critical)");
            return null;
        }

        public Uri? Uri(string name)
        {
            var value = Raw(name);
            if (value is null)
            {
                return null;
            }

            if (System.Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == System.Uri.UriSchemeHttps || uri.Scheme == System.Uri.UriSchemeHttp))
            {
                return uri;
            }

            Problem(name, $"'{value}' is not an absolute http(s) URL");
            return null;
        }

        /// <summary>True when <paramref name="id"/> is new in this file; otherwise reports the duplicate.</summary>
        public bool CheckUnique(Dictionary<string, int> seen, string id)
        {
            if (id.Length == 0)
            {
                return false;
            }

            if (seen.TryGetValue(id, out var firstLine))
            {
                Problem("id", $"duplicate id '{id}' (first on line {firstLine})");
                return false;
            }

            seen[id] = row.Line;
            return true;
        }

        public void CheckAccount(HashSet<string> accountIds, string accountId)
        {
            if (accountId.Length > 0 && !accountIds.Contains(accountId))
            {
                Problem("account_id", $"unknown account reference '{accountId}' (not in accounts.csv nor stored)");
            }
        }

        public void CheckSame(string name, string expected, string actual, string seriesId)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                Problem(name, $"series '{seriesId}' has '{expected}' here on an earlier row, '{actual}' on this one");
            }
        }

        public void Problem(string name, string reason)
        {
            if (columns.TryGetValue(name, out var c))
            {
                problems.Add(new CsvProblem(file, row.Line, c.Index + 1, c.Column.Name, reason));
            }
            else
            {
                problems.Add(new CsvProblem(file, row.Line, null, name, reason));
            }
        }

        private string? Raw(string name)
        {
            if (!columns.TryGetValue(name, out var c))
            {
                return null;
            }

            var value = CsvFormulaGuard.Unprotect(row.Fields[c.Index].Trim());
            if (value.Length == 0)
            {
                if (c.Column.Required)
                {
                    Problem(name, "missing required value");
                }

                return null;
            }

            return value;
        }

        private static bool IsEmail(string value)
        {
            var at = value.IndexOf('@', StringComparison.Ordinal);
            return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
                && value[(at + 1)..].Contains('.', StringComparison.Ordinal);
        }
    }
}
