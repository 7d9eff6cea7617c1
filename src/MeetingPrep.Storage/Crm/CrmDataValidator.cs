using MeetingPrep.Core.Crm;

namespace MeetingPrep.Storage.Crm;

/// <summary>The rules any data must meet before the built-in store takes it: unique ids, required values, known accounts.</summary>
internal static class CrmDataValidator
{
    /// <summary>Every problem found; empty when <paramref name="data"/> may be written. <paramref name="existingAccountIds"/> counts as known (for upserts).</summary>
    public static List<string> Validate(CrmContext data, IReadOnlySet<string> existingAccountIds)
    {
        var problems = new List<string>();
        var accounts = new HashSet<string>(existingAccountIds, StringComparer.Ordinal);
        Unique(problems, "account", data.Accounts.Select(a => a.Id));
        accounts.UnionWith(data.Accounts.Select(a => a.Id));
        foreach (var a in data.Accounts)
        {
            Required(problems, "account", a.Id, "name", a.Name);
        }

        Unique(problems, "contact", data.Contacts.Select(c => c.Id));
        foreach (var c in data.Contacts)
        {
            Required(problems, "contact", c.Id, "name", c.Name);
            Required(problems, "contact", c.Id, "email", c.Email);
            if (c.AccountId is not null)
            {
                Known(problems, accounts, "contact", c.Id, c.AccountId);
            }
        }

        Unique(problems, "opportunity", data.Opportunities.Select(o => o.Id));
        foreach (var o in data.Opportunities)
        {
            Known(problems, accounts, "opportunity", o.Id, o.AccountId);
        }

        Unique(problems, "note", data.Notes.Select(n => n.Id));
        foreach (var n in data.Notes)
        {
            Known(problems, accounts, "note", n.Id, n.AccountId);
        }

        Unique(problems, "case", data.Cases.Select(c => c.Id));
        foreach (var c in data.Cases)
        {
            Known(problems, accounts, "case", c.Id, c.AccountId);
        }

        Unique(problems, "metric series", data.Metrics.Select(m => m.Id));
        foreach (var m in data.Metrics)
        {
            Known(problems, accounts, "metric series", m.Id, m.AccountId);
            foreach (var period in m.Points.GroupBy(p => p.Period).Where(g => g.Count() > 1))
            {
                problems.Add($"metric series '{m.Id}' has more than one point for {period.Key:yyyy-MM-dd}");
            }
        }

        return problems;
    }

    private static void Unique(List<string> problems, string kind, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"a {kind} has no id");
            }
        }

        foreach (var dup in ids.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{kind} id '{dup.Key}' appears {dup.Count()} times");
        }
    }

    private static void Required(List<string> problems, string kind, string id, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{kind} '{id}' has no {field}");
        }
    }

    private static void Known(List<string> problems, HashSet<string> accounts, string kind, string id, string accountId)
    {
        if (!accounts.Contains(accountId))
        {
            problems.Add($"{kind} '{id}' refers to unknown account '{accountId}'");
        }
    }
}
