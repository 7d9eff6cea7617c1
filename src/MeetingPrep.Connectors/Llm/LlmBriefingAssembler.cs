using System.Globalization;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Verification;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Recipes;

namespace MeetingPrep.Connectors.Llm;

/// <summary>What the verifier made of one answer: the briefing to show (if any) and the counts behind it.</summary>
internal sealed record VerifiedAnswer(Briefing? Briefing, int Claims, int Rejected, int Unverified, int Relabelled, string? Failure);

/// <summary>
/// Turns the model's parsed answer into a briefing, every claim through <see cref="ClaimVerifier"/>: rejected claims
/// never show, unverified ones are dropped or marked per recipe, labels are the checked ones. Candidates that must not
/// be lost (deals closing soon) and that no kept claim covers are added back as the extractive writer wrote them.
/// </summary>
internal static class LlmBriefingAssembler
{
    private const int SummaryLines = 3;

    public static VerifiedAnswer Assemble(
        LlmBriefingAnswer answer,
        LlmBriefingPrompt prompt,
        MeetingContext context,
        BriefingRecipe recipe,
        Briefing extractive,
        IReadOnlySet<string> suppressed,
        string writerName,
        double maxRejectedShare,
        DateTimeOffset now)
    {
        var format = BriefingFormat.For(recipe.Culture ?? context.User.Culture, context.User.ResolveTimeZone(), textLanguage: null); // the model writes in the reader's culture
        var evidence = SourceEvidence.Build(context, prompt.Included, format);
        var culture = recipe.Culture ?? context.User.Culture;

        var drafted = new List<(SectionKind Kind, LlmClaim Claim)>();
        var summaryEnabled = recipe.EnabledSections.Contains(SectionKind.Summary);
        if (summaryEnabled)
        {
            drafted.AddRange((answer.Summary ?? []).Select(c => (SectionKind.Summary, c)));
        }

        var unknownSections = 0;
        foreach (var section in answer.Sections ?? [])
        {
            if (!Enum.TryParse<SectionKind>(section.Kind, ignoreCase: true, out var kind) || !prompt.Sections.Contains(kind))
            {
                unknownSections += section.Claims?.Count ?? 0;
                continue;
            }

            drafted.AddRange((section.Claims ?? []).Select(c => (kind, c)));
        }

        var checks = drafted.Select(d => (d.Kind, Check: ClaimVerifier.Check(ToClaim(d.Claim, prompt), evidence, d.Kind, culture))).ToList();
        var rejected = checks.Count(c => c.Check.Verdict == ClaimVerdict.Rejected) + unknownSections;
        var unverified = checks.Count(c => c.Check.Verdict == ClaimVerdict.Unverified);
        var relabelled = checks.Count(c => c.Check.Relabelled);
        var total = checks.Count + unknownSections;
        if (total == 0)
        {
            return new VerifiedAnswer(null, 0, 0, 0, 0, "the model's answer had no lines");
        }

        var bad = rejected + unverified;
        if (bad > total * maxRejectedShare || bad == total)
        {
            return new VerifiedAnswer(null, total, rejected, unverified, relabelled,
                string.Create(CultureInfo.InvariantCulture, $"{bad} of the model's {total} lines were not supported by their sources"));
        }

        var keepUnverified = recipe.Unverified == UnverifiedClaims.Mark;
        var kept = checks.Where(c => c.Check.Verdict == ClaimVerdict.Verified || (keepUnverified && c.Check.Verdict == ClaimVerdict.Unverified)).ToList();

        var sections = new Dictionary<SectionKind, List<BriefingItem>>();
        var omitted = new Dictionary<SectionKind, int>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var texts = new HashSet<string>(StringComparer.Ordinal);

        // A model line flagged as wrong ("llm:{section}:{source}") keeps lines about that record out of every section.
        var flagged = suppressed.Where(k => k.StartsWith("llm:", StringComparison.Ordinal) && k.Split(':', 3).Length == 3)
            .Select(k => k.Split(':', 3)[2].Split('#')[0])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (kind, check) in kept)
        {
            var item = ToItem(kind, check, prompt, recipe, keys);
            if (suppressed.Contains(item.Key) || flagged.Contains(item.Citations[0]) || !texts.Add(Normalized(item.Text)))
            {
                continue;
            }

            var list = sections.TryGetValue(kind, out var l) ? l : sections[kind] = [];
            var max = kind == SectionKind.Summary ? SummaryLines + prompt.Included.Count(c => c.Lead) : recipe.EffectiveItemsPerSection;
            if (list.Count >= max)
            {
                omitted[kind] = omitted.GetValueOrDefault(kind) + 1;
                continue;
            }

            list.Add(item);
        }

        AddBackMustKeep(prompt, sections, summaryEnabled, recipe);

        var ordered = recipe.EnabledSections
            .Where(k => sections.TryGetValue(k, out var items) && items.Count > 0)
            .Select(k => new BriefingSection(k, extractive.Section(k)?.Title ?? BriefingSection.DefaultTitle(k), sections[k], omitted.GetValueOrDefault(k)))
            .ToList();
        var sourceRefs = prompt.Included.SelectMany(c => c.Sources).DistinctBy(s => s.Id).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var numbered = ordered.SelectMany(s => s.Items).SelectMany(i => i.Citations).Distinct(StringComparer.Ordinal)
            .Where(sourceRefs.ContainsKey).Select(id => sourceRefs[id]).ToList();

        var notes = new List<string>();
        var left = rejected + (keepUnverified ? 0 : unverified);
        if (left > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Written with {writerName}; {left} of its {total} lines were left out because their sources did not support them."));
        }

        if (keepUnverified && unverified > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{unverified} line(s) marked unverified name or figure something their sources do not."));
        }

        notes.AddRange(extractive.Notes);
        var briefing = extractive with
        {
            Sections = ordered,
            Sources = numbered,
            Notes = notes,
            Writer = writerName,
            GeneratedAt = now,
        };
        return new VerifiedAnswer(briefing, total, rejected, unverified, relabelled, null);
    }

    private static Claim ToClaim(LlmClaim claim, LlmBriefingPrompt prompt)
    {
        // Short ids map back to source ids; an id the model made up stays as written, so the verifier rejects it.
        var sources = (claim.Sources ?? []).Select(s => prompt.Aliases.TryGetValue(s.Trim(), out var id) ? id : "unknown:" + s).ToList();
        var label = string.Equals(claim.Label, "fact", StringComparison.OrdinalIgnoreCase) ? ItemLabel.Fact : ItemLabel.Inference;
        return new Claim(claim.Text ?? string.Empty, sources, label);
    }

    private static BriefingItem ToItem(SectionKind kind, ClaimCheck check, LlmBriefingPrompt prompt, BriefingRecipe recipe, HashSet<string> keys)
    {
        var citations = check.Claim.Sources.Distinct(StringComparer.Ordinal).ToList();

        // The line ranks like the candidates it restates: those whose sources it all cites, else those about its first source.
        var backing = prompt.Included.Where(c => c.Sources.All(s => citations.Contains(s.Id))).ToList();
        if (backing.Count == 0)
        {
            backing = [.. prompt.Included.Where(c => c.Sources.Count > 0 && c.Sources[0].Id == citations[0])];
        }

        var key = $"llm:{kind.ToString().ToLowerInvariant()}:{citations[0]}";
        for (var n = 2; !keys.Add(key); n++)
        {
            key = $"llm:{kind.ToString().ToLowerInvariant()}:{citations[0]}#{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return new BriefingItem(key, Cap(UntrustedText.Defang(check.Claim.Text), recipe.MaxItemChars), check.Label, citations,
            Math.Round(backing.Count == 0 ? 0.5 : backing.Max(c => c.Score), 4))
        {
            Pinned = backing.Any(c => c.Pinned && c.Section == kind),
            WrittenByModel = true,
            Unverified = check.Verdict == ClaimVerdict.Unverified,
            VerifierNote = check.Verdict == ClaimVerdict.Unverified ? check.Reason : null,
            Commitment = CommitmentOf(kind, check.Claim.Text, citations, backing, prompt),
        };
    }

    /// <summary>
    /// The typed commitment a model line restates, by its citations: in "Commitments", the commitment candidate it cites
    /// all sources of (else one about its first source); in the summary, only when the candidate it ranks like is one.
    /// Several from one message (two things promised together): the one sharing most words with the line.
    /// </summary>
    private static BriefingCommitment? CommitmentOf(SectionKind kind, string text, List<string> citations, List<BriefingCandidate> backing, LlmBriefingPrompt prompt)
    {
        if (kind == SectionKind.Summary && backing.MaxBy(c => c.Score)?.Commitment is null)
        {
            return null;
        }

        if (kind is not (SectionKind.Commitments or SectionKind.Summary))
        {
            return null;
        }

        var restated = backing.Where(c => c.Commitment is not null).ToList();
        if (restated.Count == 0)
        {
            restated = [.. prompt.Included.Where(c => c.Commitment is not null && c.Sources.Count > 0 && c.Sources[0].Id == citations[0])];
        }

        var words = Words(text);
        return restated.MaxBy(c => Words(c.Text).Count(words.Contains))?.Commitment;
    }

    private static HashSet<string> Words(string text) =>
        new string([.. text.Select(c => char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).ToHashSet(StringComparer.Ordinal);

    /// <summary>A must-keep candidate whose record no kept line cites comes back in its own words, in its own section.</summary>
    private static void AddBackMustKeep(LlmBriefingPrompt prompt, Dictionary<SectionKind, List<BriefingItem>> sections, bool summaryEnabled, BriefingRecipe recipe)
    {
        var cited = sections.Values.SelectMany(l => l).SelectMany(i => i.Citations).ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in prompt.Included.Where(c => c.Pinned || c.Lead))
        {
            if (candidate.Sources.Count == 0 || cited.Contains(candidate.Sources[0].Id))
            {
                continue;
            }

            var kind = candidate.Lead && summaryEnabled ? SectionKind.Summary : candidate.Section;
            if (!recipe.EnabledSections.Contains(kind))
            {
                continue;
            }

            var list = sections.TryGetValue(kind, out var l) ? l : sections[kind] = [];
            list.Insert(0, new BriefingItem(
                (kind == SectionKind.Summary ? "summary:" : string.Empty) + candidate.Key,
                Cap(candidate.Text, recipe.MaxItemChars),
                candidate.Label,
                [.. candidate.Sources.Select(s => s.Id).Distinct(StringComparer.Ordinal)],
                Math.Round(candidate.Score, 4))
            {
                Pinned = candidate.Pinned,
                Commitment = candidate.Commitment,
            });
            cited.UnionWith(candidate.Sources.Select(s => s.Id));
        }
    }

    private static string Cap(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        // Cut as the extractive writer cuts: on a word boundary within the last 30 characters, with an ellipsis.
        var cut = flat.LastIndexOf(' ', Math.Max(0, max - 1), Math.Min(max, 30));
        return (cut > 0 ? flat[..cut] : flat[..(max - 1)]).TrimEnd(',', ';', ':', '.') + "…";
    }

    private static string Normalized(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', ';', ' ').ToUpperInvariant();
}
