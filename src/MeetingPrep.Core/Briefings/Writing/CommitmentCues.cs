using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>What a commitment is: something we promised, something they asked for, or a condition they set.</summary>
public enum CommitmentKind
{
    Promise,
    Ask,
    Condition,
}

/// <summary>
/// Reading commitments in English, German, French, Spanish, Dutch, Italian and Japanese: whether a sentence promises, asks or sets a condition,
/// when it is due (stated, "by Friday", or implied, "before our QBR"), and whether later text delivers it or says it is
/// still missing. Pure pattern matching over untrusted text: nothing in it is followed. The patterns run on the
/// non-backtracking engine, linear in the text, so they need no match timeout (a wall-clock one fired on a loaded machine).
/// </summary>
public static partial class CommitmentCues
{
    /// <summary>What the sentence commits to, from the point of view of who wrote it (<paramref name="ours"/>: one of us).</summary>
    public static CommitmentKind? ClassifyMail(string sentence, bool ours)
    {
        if (ours)
        {
            return OurPromiseRegex().IsMatch(sentence) || JapanesePromiseRegex().IsMatch(sentence) ? CommitmentKind.Promise : null;
        }

        if (ConditionRegex().IsMatch(sentence))
        {
            return CommitmentKind.Condition;
        }

        return IsQuestion(sentence) || AskRegex().IsMatch(sentence) || JapaneseAsks(sentence) ? CommitmentKind.Ask : null;
    }

    /// <summary>
    /// A CRM note is written by us about both sides: "we promised …", "Promised: …", "Priya asked for …",
    /// "procurement needs … before they sign".
    /// </summary>
    public static CommitmentKind? ClassifyNote(string clause)
    {
        if (NotePromiseRegex().IsMatch(clause))
        {
            return CommitmentKind.Promise;
        }

        if (ConditionRegex().IsMatch(clause) || NoteConditionRegex().IsMatch(clause))
        {
            return CommitmentKind.Condition;
        }

        return NoteAskRegex().IsMatch(clause) || IsQuestion(clause) ? CommitmentKind.Ask : null;
    }

    /// <summary>
    /// The text ties the deal itself: signing, the renewal, the contract, approval or a tender ("before we sign", "kann ich
    /// die Verlängerung nicht unterschreiben", "above that the renewal goes to a tender").
    /// </summary>
    public static bool GatesTheDeal(string sentence) => GatesTheDealRegex().IsMatch(sentence);

    [GeneratedRegex(@"\b(sign\w*|renewal|renew|contract|tender|RFP|approv\w*|unterschr\w*|unterzeichn\w*|Verlängerung|Vertrag\w*|Ausschreibung|Freigabe|freigeben|sign\w*|renouvel\w*|contrat|appel d'offres|firma\w*|renova\w*|contrato|licitación|teken\w*|onderteken\w*|verlenging|aanbesteding|goedkeur\w*|firm\w*|rinnov\w*|contratto|gara)\b|署名|契約|更新|入札", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex GatesTheDealRegex();

    /// <summary>
    /// A short ask or condition that points back at the sentence before it ("Please confirm whether you can meet this."):
    /// quoted alone it would not say what is asked.
    /// </summary>
    public static bool PointsBack(string sentence) => sentence.Length < 90 && PointsBackRegex().IsMatch(sentence);

    [GeneratedRegex(@"\b(this|that|these|those|it|cela|ceci|ça|dies|das|esto|eso)\b\s*[?.!]?\s*$|\b(meet|accept|confirm|approve) (this|that|it)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PointsBackRegex();

    private static bool IsQuestion(string sentence) => sentence.TrimEnd().EndsWith('?') || sentence.TrimEnd().EndsWith('？');

    /// <summary>Later text that says a promised thing was delivered ("attached", "anbei", "ci-joint", "添付").</summary>
    public static bool SaysDelivered(string text) => DeliveredRegex().IsMatch(text);

    /// <summary>Later text that says it still has not arrived ("I have not seen", "noch nicht erhalten", "pas encore reçu").</summary>
    public static bool SaysMissing(string text) => MissingRegex().IsMatch(text);

    /// <summary>Text that says, in the same breath, that nothing was given yet ("none given yet").</summary>
    public static bool SaysNotYet(string text) => NotYetRegex().IsMatch(text);

    /// <summary>
    /// The due date a text states or implies, relative to when it was written (<paramref name="written"/>, a local date):
    /// weekdays, end of week/month/quarter, named months and dates, "tomorrow", "within a week", in EN/DE/FR/JA.
    /// Null when none is said. <paramref name="phrase"/> is the words it came from.
    /// </summary>
    public static DateOnly? DueDate(string text, DateOnly written, out string? phrase)
    {
        phrase = null;
        Match m;
        // A stated date wins over the weekday beside it ("bis Freitag, 20. November").
        if ((m = JapaneseDateRegex().Match(text)).Success)
        {
            phrase = m.Value;
            return DateIn(written, int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture));
        }

        if ((m = Deadline(DayMonthRegex(), text)).Success)
        {
            phrase = m.Value.Trim();
            return DateIn(written, Month(m.Groups["month"].Value), int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture));
        }

        if ((m = Deadline(MonthDayRegex(), text)).Success)
        {
            phrase = m.Value.Trim();
            return DateIn(written, Month(m.Groups["month"].Value), int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture));
        }

        if ((m = Deadline(WeekdayRegex(), text)).Success)
        {
            // Nobody writes "by Friday" on a Friday meaning today: the same weekday is the next one.
            phrase = m.Value.Trim();
            var day = Weekday(m.Groups["day"].Value);
            return day == written.DayOfWeek ? written.AddDays(7) : NextWeekday(written, day);
        }

        if ((m = JapaneseWeekdayRegex().Match(text)).Success)
        {
            phrase = m.Value;
            return NextWeekday(written, "月火水木金土日".IndexOf(m.Groups["day"].Value, StringComparison.Ordinal) switch
            {
                0 => DayOfWeek.Monday,
                1 => DayOfWeek.Tuesday,
                2 => DayOfWeek.Wednesday,
                3 => DayOfWeek.Thursday,
                4 => DayOfWeek.Friday,
                5 => DayOfWeek.Saturday,
                _ => DayOfWeek.Sunday,
            });
        }

        if ((m = NextMonthEndRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            var next = written.AddMonths(1);
            return new DateOnly(next.Year, next.Month, DateTime.DaysInMonth(next.Year, next.Month));
        }

        if ((m = MonthEndRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            return new DateOnly(written.Year, written.Month, DateTime.DaysInMonth(written.Year, written.Month));
        }

        if ((m = QuarterEndRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            var lastMonth = ((written.Month - 1) / 3 * 3) + 3;
            return new DateOnly(written.Year, lastMonth, DateTime.DaysInMonth(written.Year, lastMonth));
        }

        if ((m = WeekEndRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            return NextWeekday(written, DayOfWeek.Friday);
        }

        if ((m = NextWeekRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            return NextWeekday(written, DayOfWeek.Monday).AddDays(4);
        }

        if ((m = WithinRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            var count = Count(m.Groups["n"].Value);
            var unit = m.Groups["unit"].Value.ToLowerInvariant();
            return written.AddDays(unit.StartsWith('w') || unit.StartsWith('s') || unit.StartsWith('週') ? 7 * count : count);
        }

        if ((m = TomorrowRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            return written.AddDays(1);
        }

        if ((m = TodayRegex().Match(text)).Success)
        {
            phrase = m.Value.Trim();
            return written;
        }

        if ((m = Deadline(NamedMonthRegex(), text)).Success)
        {
            phrase = m.Value.Trim();
            var month = Month(m.Groups["month"].Value);
            var year = month < written.Month ? written.Year + 1 : written.Year;
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }

        return null;
    }

    /// <summary>
    /// The first match that is a deadline: "until April" after a state word ("frozen all new spend until April", "bevroren
    /// tot februari", "gesperrt bis März") says how long the state lasts, not when something is due.
    /// </summary>
    private static Match Deadline(Regex regex, string text)
    {
        foreach (Match m in regex.Matches(text))
        {
            if (!IsDuration(text, m))
            {
                return m;
            }
        }

        return Match.Empty;
    }

    /// <summary>"until/bis/jusqu'à/hasta/tot &lt;date&gt;" with a state word ("frozen", "on hold", "eingefroren", "gelé") beside it.</summary>
    internal static bool IsDuration(string text, Match m)
    {
        if (!UntilRegex().IsMatch(m.Value))
        {
            return false;
        }

        // The state word comes before ("frozen until April") or, in German and Dutch word order, after ("bis März eingefroren").
        var around = text[Math.Max(0, m.Index - 60)..Math.Min(text.Length, m.Index + m.Length + 30)];
        return StateWordRegex().IsMatch(around);
    }

    [GeneratedRegex(@"^\s*(until|till|through|bis|jusqu['’]à|jusqu['’]en|hasta|tot|fino a|fino al)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex UntilRegex();

    /// <summary>Words that name a state lasting for a while: frozen, on hold, paused, blocked, closed, valid (EN/DE/FR/ES/NL).</summary>
    [GeneratedRegex(@"\b(frozen|freeze|on hold|paused|suspended|blocked|closed|locked|valid|in place|eingefroren|gesperrt|ausgesetzt|pausiert|geschlossen|gültig|gel[ée]e?s?|suspendue?s?|bloqu[ée]e?s?|ferm[ée]e?s?|valable|congelad[oa]s?|suspendid[oa]s?|bloquead[oa]s?|cerrad[oa]s?|válid[oa]s?|bevroren|geblokkeerd|gesloten|stilgelegd|geldig|opgeschort|congelat[oaie]|sospes[oaie]|bloccat[oaie]|chius[oaie]|valid[oaie])\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex StateWordRegex();

    /// <summary>
    /// "before our QBR", "pour l'atelier de la phase 2", "次回の定例会議で": a due date tied to a meeting rather than a
    /// day. Returns the words, so the caller can match them to the meeting being briefed.
    /// </summary>
    public static string? MeetingDue(string text)
    {
        var m = MeetingDueRegex().Match(text);
        if (m.Success)
        {
            return m.Value.Trim();
        }

        m = JapaneseMeetingDueRegex().Match(text);
        return m.Success ? m.Value : null;
    }

    /// <summary>
    /// Whether a meeting-tied due phrase means the meeting being briefed: a kind it names ("QBR", "workshop"/"atelier",
    /// "phase 2") must be in the subject; a plain "meeting", "call", "Termin", "réunion" or "次回" means the next one with
    /// them, which is this one.
    /// </summary>
    public static bool MeetingDueMatches(string phrase, string subject)
    {
        var p = phrase.ToLowerInvariant();
        var s = subject.ToLowerInvariant();
        if (PhaseRegex().Match(p) is { Success: true } phase)
        {
            return s.Contains(phase.Value, StringComparison.Ordinal);
        }

        string[][] kinds =
        [
            ["qbr", "quarterly business review", "quarterly review", "quartalsgespräch"],
            ["workshop", "atelier", "ワークショップ"],
            ["review", "revue", "bilan", "レビュー"],
            ["jour fixe", "sync", "weekly", "定例"],
            ["check-in", "checkin"],
            ["go/no-go", "go-live", "cutover"],
        ];
        foreach (var kind in kinds)
        {
            if (kind.Any(k => p.Contains(k, StringComparison.Ordinal)))
            {
                return kind.Any(k => s.Contains(k, StringComparison.Ordinal));
            }
        }

        string[] generic = ["meeting", "call", "riunione", "incontro", "chiamata", "termin", "besprechung", "gespräch", "treffen", "réunion", "rendez-vous", "次回", "会議", "打ち合わせ", "ミーティング"];
        return generic.Any(g => p.Contains(g, StringComparison.Ordinal));
    }

    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day)
    {
        var ahead = ((int)day - (int)from.DayOfWeek + 7) % 7;
        return from.AddDays(ahead);
    }

    private static DateOnly DateIn(DateOnly written, int month, int day)
    {
        var year = month < written.Month ? written.Year + 1 : written.Year;
        day = Math.Clamp(day, 1, DateTime.DaysInMonth(year, month));
        return new DateOnly(year, month, day);
    }

    private static int Count(string n) => n.ToLowerInvariant() switch
    {
        "a" or "an" or "one" or "einer" or "eine" or "einem" or "une" or "un" or "een" or "一" => 1,
        "two" or "zwei" or "deux" or "twee" or "二" => 2,
        "three" or "drei" or "trois" or "drie" or "三" => 3,
        var digits when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) => Math.Clamp(value, 0, 365),
        _ => 1,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday, ["montag"] = DayOfWeek.Monday, ["lundi"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["dienstag"] = DayOfWeek.Tuesday, ["mardi"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["mittwoch"] = DayOfWeek.Wednesday, ["mercredi"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["donnerstag"] = DayOfWeek.Thursday, ["jeudi"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["freitag"] = DayOfWeek.Friday, ["vendredi"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["samstag"] = DayOfWeek.Saturday, ["samedi"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sonntag"] = DayOfWeek.Sunday, ["dimanche"] = DayOfWeek.Sunday,
        ["maandag"] = DayOfWeek.Monday, ["dinsdag"] = DayOfWeek.Tuesday, ["woensdag"] = DayOfWeek.Wednesday,
        ["donderdag"] = DayOfWeek.Thursday, ["vrijdag"] = DayOfWeek.Friday, ["zaterdag"] = DayOfWeek.Saturday, ["zondag"] = DayOfWeek.Sunday,
        ["lunedì"] = DayOfWeek.Monday, ["martedì"] = DayOfWeek.Tuesday, ["mercoledì"] = DayOfWeek.Wednesday,
        ["giovedì"] = DayOfWeek.Thursday, ["venerdì"] = DayOfWeek.Friday, ["sabato"] = DayOfWeek.Saturday, ["domenica"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["january"] = 1, ["januar"] = 1, ["janvier"] = 1, ["jänner"] = 1,
        ["feb"] = 2, ["february"] = 2, ["februar"] = 2, ["février"] = 2, ["fevrier"] = 2,
        ["mar"] = 3, ["march"] = 3, ["märz"] = 3, ["mars"] = 3,
        ["apr"] = 4, ["april"] = 4, ["avril"] = 4,
        ["may"] = 5, ["mai"] = 5,
        ["jun"] = 6, ["june"] = 6, ["juni"] = 6, ["juin"] = 6,
        ["jul"] = 7, ["july"] = 7, ["juli"] = 7, ["juillet"] = 7,
        ["aug"] = 8, ["august"] = 8, ["août"] = 8, ["aout"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["septembre"] = 9,
        ["oct"] = 10, ["october"] = 10, ["okt"] = 10, ["oktober"] = 10, ["octobre"] = 10,
        ["nov"] = 11, ["november"] = 11, ["novembre"] = 11,
        ["dec"] = 12, ["december"] = 12, ["dez"] = 12, ["dezember"] = 12, ["décembre"] = 12, ["decembre"] = 12,
        ["enero"] = 1, ["febrero"] = 2, ["marzo"] = 3, ["abril"] = 4, ["mayo"] = 5, ["junio"] = 6, ["julio"] = 7, ["agosto"] = 8,
        ["septiembre"] = 9, ["octubre"] = 10, ["noviembre"] = 11, ["diciembre"] = 12,
        ["januari"] = 1, ["februari"] = 2, ["maart"] = 3, ["mei"] = 5, ["augustus"] = 8,
        ["gennaio"] = 1, ["febbraio"] = 2, ["aprile"] = 4, ["maggio"] = 5, ["giugno"] = 6, ["luglio"] = 7, ["settembre"] = 9,
        ["ottobre"] = 10, ["dicembre"] = 12,
    };

    private static DayOfWeek Weekday(string name) => Weekdays.GetValueOrDefault(name, DayOfWeek.Friday);

    private static int Month(string name) => Months.GetValueOrDefault(name.TrimEnd('.'), 12);

    // ---- what a sentence does ---------------------------------------------------------------------------------

    /// <summary>We promise: "I will send", "we'll share", "you'll have it by", "ich schicke", "wir liefern", "je vais", "sera prêt".</summary>
    [GeneratedRegex(
        @"\b(I|we)\s?('ll|’ll| will| shall| am going to| are going to| can have)\b|\bwill (send|share|deliver|provide|come back|get back|follow up|circulate|prepare|update|confirm|fix|issue|have)\b|\byou('ll|’ll| will) (have|get|receive)\b|\b(I|we) (promise|commit)\b|\bcoming (in a separate|shortly|this week|next week)\b|\b(ich|wir) (werde|werden|schicke|schicken|sende|senden|liefere|liefern|melde|melden|kümmere|kümmern)\b|\b(schicke|schicken|sende|senden|liefere|liefern) (ich|wir)\b|\b(schicke|schicken|sende|senden|liefere|liefern)\b[^.;]{0,40}\b(bis|spätestens)\b|\b(je|nous) (vais|allons|vous envoie|vous envoyons|vous enverrai|vous enverrons|enverrai|enverrons|reviens|reviendrai|revenons|reviendrons|m'engage|nous engageons)\b|\b(reviens|reviendrai|revenons|reviendrons) vers (vous|toi)\b|\bsera(ont)? (prêt|prête|prêts|prêtes|envoyé|envoyée|livré|livrée)s?\b|\b((les|le|te|os) )?(enviaremos|enviaré|mandaremos|entregaremos|haremos llegar|tendréis|tendrán|tendrá)\b|\bnos comprometemos\b|\b(wij|we|ik) (sturen|stuur|leveren|lever|bezorgen|zorgen|zorg|zullen|zal|komen|kom) \b|\b(sturen|stuur|leveren|lever) (wij|we|ik)\b|\b(u|jullie|je) (ontvangt|ontvangen|krijgt|krijgen)\b[^.;]{0,60}\b(uiterlijk|vóór)\b|\b(invieremo|invierò|manderemo|manderò|consegneremo|consegnerò|forniremo|prepareremo|faremo avere|confermeremo|vi faremo sapere|ci impegniamo|mi impegno)\b|\b(riceverete|avrete)\b[^.;]{0,60}\bentro\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OurPromiseRegex();

    /// <summary>Japanese business promises end in いたします / します with an action ("発行いたします", "ご説明します", "お送りします").</summary>
    [GeneratedRegex(@"(お送りします|お送りいたします|送ります|送付します|送付いたします|発行します|発行いたします|ご説明します|ご説明いたします|ご連絡します|ご連絡いたします|ご共有します|共有します|対応します|対応いたします|準備します|準備いたします|提出します|提出いたします|お届けします)", RegexOptions.NonBacktracking)]
    private static partial Regex JapanesePromiseRegex();

    /// <summary>They ask: "could you", "please send", "we need", "where are we on", "könnten Sie", "bitte", "pouvez-vous", "merci de".</summary>
    [GeneratedRegex(
        @"\b(could|can|would|will) you\b|\bplease (send|share|provide|confirm|check|let|advise|update|review|tell)\b|\b(we|I) (need|still need|are waiting|am waiting|expect)\b|\bwhere are we on\b|\bstill waiting\b|\b(könnten|können|würden) Sie\b|\bbitte (senden|schicken|prüfen|bestätigen|teilen)\b|\b(wir brauchen|wir benötigen|benötigen wir|brauchen wir)\b|\b(pouvez|pourriez|pourrez)[- ]vous\b|\bmerci de (nous|me)?\s?(envoyer|confirmer|partager|vérifier)\b|\bnous avons besoin\b|\b(podríais|podrían|podría|podéis|pueden|puede) (usted(es)? )?\p{L}+\b|\bnecesitamos\b|\bpor favor,? (envi|confirm|compart|revis|indic)\p{L}*|\b(kunnen|kunt|zouden|zou) (jullie|u|je)\b|\bgraag (ontvang|ontvangen|zie|zien|hoor|horen)\b|\b(wij|we|ik) (hebben|heb)\b[^.;]{0,40}\bnodig\b|\b(potete|potreste|potrebbe|può) \p{L}+|\bper favore\b|\b(abbiamo bisogno|ci serve|ci servono|vi chiediamo|vi preghiamo)\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex AskRegex();

    /// <summary>Japanese requests: "教えていただけますでしょうか", "ご共有ください", "お願いします" (a closing "よろしくお願いいたします" is not one).</summary>
    private static bool JapaneseAsks(string sentence)
    {
        foreach (Match m in JapaneseAskRegex().Matches(sentence))
        {
            if (!m.Groups["closing"].Success)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A request, with the closing formula in front of it captured (the engine has no look-behind).</summary>
    [GeneratedRegex(@"(?<closing>よろしく)?(ください|下さい|いただけますか|いただけますでしょうか|いただけないでしょうか|お願いします|お願いいたします|お願い致します)", RegexOptions.NonBacktracking)]
    private static partial Regex JapaneseAskRegex();

    /// <summary>A condition: "before we sign", "before signature", "only if", "unless", "bevor wir unterschreiben", "ohne den … nicht", "avant de signer", "前に".</summary>
    [GeneratedRegex(
        @"\bbefore (we|they|you) (can )?(sign|commit|renew|approve|go live|proceed|move forward)\b|\bbefore (signature|signing|go-live|golive|rollout|renewal|the renewal|contract)\b|\b(only if|unless|provided that|as long as|on condition that|is a blocker|blocker for)\b|\b(bevor wir|vor der) (unterschreiben|unterzeichnen|Verlängerung|Unterschrift|Freigabe)\b|\bohne\b.{0,160}\b(nicht|kein)\b|\b(sin|sans)\b.{0,160}\b(no|pas)\b|\bsi no\b.{0,80}\b(tendremos|vamos a|abriremos)\b|\b(antes de (firmar|la firma|renovar)|solo si|siempre que|a condición de que)\b|(ない場合|なければ).{0,60}(見送|できません|解約|検討)|\b(nur wenn|sofern|vorausgesetzt)\b|\bavant (de signer|la signature|le renouvellement|la mise en production)\b|\b(à condition que|seulement si|sauf si)\b|(署名|契約|更新|導入)の?前に|(でなければ|ない限り)|\b(will not|won't|cannot|can't|can not) (sign|renew|approve|commit)\b|\bn(e |')\s?(signerons|signerions|renouvellerons|validerons|pourrons signer) pas\b|\btant que\b|\b(werden|können) wir (nicht|erst) (unterschreiben|unterzeichnen|verlängern)\b|\bno (firmaremos|renovaremos)\b|\bhasta que\b|\bzonder\b.{0,160}\b(niet|geen)\b|\b(niet|geen)\b.{0,80}\bzonder\b|\b(alleen als|mits|op voorwaarde dat|tenzij|voordat (wij|we) (tekenen|ondertekenen|verlengen))\b|\bvóór (de )?(ondertekening|verlenging)\b|\bnon (firmeremo|rinnoveremo|approveremo|possiamo firmare|potremo firmare)\b|\b(prima (della firma|di firmare|del rinnovo)|solo se|a condizione che|a meno che)\b|\bsenza\b.{0,160}\bnon\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ConditionRegex();

    /// <summary>In our notes: "we promised", "Lena promised", "Promised:", "we committed to", "we owe".</summary>
    [GeneratedRegex(@"\b(we|I|[A-Z][\p{L}-]+) (promised|committed to|have committed to|owe)\b|^\s*(?i:promised|committed|zugesagt|versprochen|promis|compromisos?(\s+\p{L}+)?|prometido)\s*:|\b(we|We|wir|Wir) (will|werden|schicken|liefern)\b|\b(nous|Nous) (avons promis|allons|enverrons)\b|\b(haben wir|wir haben) (zugesagt|versprochen)\b|^\s*(?i:toegezegd|beloofd)\s*:|\b(wij|we|Wij|We) (hebben )?(toegezegd|beloofd)\b", RegexOptions.NonBacktracking)]
    private static partial Regex NotePromiseRegex();

    /// <summary>In our notes: "Priya asked for", "Rahul wants", "Asked:", "Question asked:", "Open question:".</summary>
    [GeneratedRegex(@"\b[A-Z][\p{L}-]+ (asked|asks|wants|requested|requests|would like|needs|vraagt|vroeg|wil|wenst)\b|^\s*(?i:asked|question asked|open question|question|request|gefragt|frage|demande)\s*:", RegexOptions.NonBacktracking)]
    private static partial Regex NoteAskRegex();

    /// <summary>In our notes: "requires … before go-live", "needs … closed before they sign", "wants … before rollout".</summary>
    [GeneratedRegex(@"\b(requires?|needs?|wants?|insists? on)\b.*\bbefore\b|\b(wil|eist|vereist)\b.*\b(vóór|voordat)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NoteConditionRegex();

    [GeneratedRegex(
        @"\b(attached|attaching|here is|here's|here are|please find|I('ve| have) sent|we('ve| have) sent|sent (it|them|you)|have shared|I('ve| have) shared|as promised|now (available|live|shared)|delivered|is done|has been (sent|shared|delivered|issued|fixed|resolved|installed|deployed))\b|\b(anbei|im Anhang|hier (ist|sind) (der|die|das)|wie versprochen|habe ich (geschickt|gesendet)|haben wir (geschickt|gesendet|geliefert))\b|\b(ci-joint|ci-jointe|vous trouverez|voici le|voici la|comme promis|j'ai envoyé|nous avons envoyé)\b|\b(os adjunto|le adjunto|les adjunto|adjunto (el|la|los|las)|como prometimos|como acordamos, (os|les) envío|hemos enviado)\b|\b(in de bijlage|bijgevoegd|hierbij (ontvangt|ontvang|stuur|sturen)|zoals beloofd|zoals toegezegd|(hebben|heb) (wij|we|ik) (gestuurd|verstuurd|geleverd|gedeeld))\b|\b(in allegato|vi invio|vi inviamo|come promesso|abbiamo inviato|ho inviato|è stat[oa] (inviat|consegnat|installat|rilasciat)\w*|(è|sono) (installat|rilasciat)\w*)\b|(添付|お送りしました|送付しました|共有しました|発行しました|発行済み)",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex DeliveredRegex();

    [GeneratedRegex(
        @"\b(have not|haven't|has not|hasn't|did not|didn't|never) (seen|received|got|gotten|heard)\b|\bstill (waiting|missing|no sign|nothing|not received)\b|\bcame and went\b|\bnot received\b|\b(noch nicht|nicht) (erhalten|bekommen|gesehen|angekommen)\b|\bwarten (noch|immer noch)\b|\b(pas encore|toujours pas|jamais) (reçu|vu|eu)\b|\bnous attendons toujours\b|\b(nothing|never) (has )?(arrived|came|reached us)\b|\bhas(n't| not) arrived\b|\b(nichts|nie) (angekommen|eingegangen)\b|\bsigue(n)? sin (llegar|recibir|entregar)\b|\b(todavía|aún) no (hemos recibido|ha llegado|han llegado|tenemos)\b|\bno hemos recibido\b|\b(nog steeds|nog altijd|nog) niet (ontvangen|gezien|binnen|gekregen|aangekomen)\b|\bniet ontvangen\b|\b(niets|nooit) (ontvangen|binnengekomen|aangekomen)\b|\bnon (è|sono) ancora (arrivat|pervenut)\w*|\bnon (abbiamo|ho) ancora ricevuto\b|\bancora in attesa\b|(まだ届いて|まだ受け取って|届いておりません|受け取っておりません)",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MissingRegex();

    [GeneratedRegex(@"\b(none given yet|not (yet )?(given|sent|delivered|done)|still open|noch offen|pas encore|toujours en attente|nog open|nog niet (gegeven|gestuurd|geleverd))\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NotYetRegex();

    // ---- when it is due ---------------------------------------------------------------------------------------

    [GeneratedRegex(
        @"\b(by|before|until|this|next|coming|bis|bis zum|bis spätestens|spätestens|kommenden|nächsten|d'ici|d’ici|avant|jusqu'à|pour|dès|uiterlijk|vóór|voor|tot|aanstaande|komende|volgende|entro|prima di)\s+(?<day>lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(@"(今週の|来週の)?(?<day>[月火水木金土日])曜日?(まで|までに|中に)", RegexOptions.NonBacktracking)]
    private static partial Regex JapaneseWeekdayRegex();

    [GeneratedRegex(@"\b(end of next month|next month'?s end|Ende (des )?nächsten Monats|fin du mois prochain|eind (van )?volgende maand)\b|来月末", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NextMonthEndRegex();

    [GeneratedRegex(@"\b(end of (the |this )?month|month[- ]end|end-of-month|EOM|Ende (des|dieses) Monats|Monatsende|Ende Monat|fin (du|de) mois|fin de ce mois|eind(e)? (van )?de(ze)? maand|fine (del )?mese)\b|(今月末|月末)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MonthEndRegex();

    [GeneratedRegex(@"\b(end of (the |this )?quarter|quarter[- ]end|Quartalsende|Ende (des|dieses) Quartals|fin (du|de) trimestre)\b|(四半期末)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex QuarterEndRegex();

    [GeneratedRegex(@"\b(end of (the |this )?week|Ende (der|dieser) Woche|fin (de la|de) semaine|cette semaine|this week|diese Woche|eind(e)? van de week|deze week|questa settimana|entro la settimana)\b|(今週中|今週末)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WeekEndRegex();

    [GeneratedRegex(@"\b(next week|nächste Woche|kommende Woche|la semaine prochaine|volgende week|komende week|la prossima settimana|settimana prossima)\b|(来週)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NextWeekRegex();

    [GeneratedRegex(
        @"\b(within|in|innerhalb|innerhalb von|binnen|sous|d'ici|dans)\s+(?<n>a|an|one|two|three|\d{1,3}|einer|eine|einem|zwei|drei|une|un|deux|trois|een|twee|drie)\s+(?<unit>days?|weeks?|Tagen?|Wochen?|jours?|semaines?|dagen|dag|weken|week)\b|(?<n>\d{1,3}|一|二|三)(?<unit>日|週間)以内",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex WithinRegex();

    [GeneratedRegex(@"\b(tomorrow|demain|domani)\b|(?-i:\bmorgen\b)|明日", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TomorrowRegex();

    [GeneratedRegex(@"\b(today|tonight|end of (the )?day|EOD|heute|aujourd'hui|aujourd’hui|vandaag|oggi|in giornata)\b|(本日中|今日中)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex TodayRegex();

    [GeneratedRegex(@"(?<month>\d{1,2})月(?<day>\d{1,2})日(まで|までに)", RegexOptions.NonBacktracking)]
    private static partial Regex JapaneseDateRegex();

    [GeneratedRegex(
        @"\b(by|before|until|on|bis( zum)?|am|d'ici( le)?|d’ici( le)?|avant le|le|antes del?|hasta el|para el|el|uiterlijk|vóór|voor|op|tot|entro( il)?|prima del|per il)\s+(?:(?:lunedì|martedì|mercoledì|giovedì|venerdì|monday|tuesday|wednesday|thursday|friday|montag|dienstag|mittwoch|donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes|maandag|dinsdag|woensdag|donderdag|vrijdag),?\s+)?(?<day>\d{1,2})\.?\s+(?:de\s+)?(?<month>gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|jan(uary|uar)?|feb(ruary|ruar)?|février|mar(ch)?|märz|mars|apr(il)?|avril|may|mai|jun(e|i)?|juin|jul(y|i)?|juillet|aug(ust)?|août|sep(t|tember|tembre)?|oct(ober|obre)?|okt(ober)?|nov(ember|embre)?|dec(ember)?|dez(ember)?|décembre)\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(
        @"\b(by|before|until|on)\s+(?<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?<day>\d{1,2})(st|nd|rd|th)?\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(
        @"\b(by (the )?end of|end of|by|before|until|bis Ende|Ende|bis|d'ici (la )?fin|fin|avant (la fin d'?)?|d'ici|eind|uiterlijk eind|tot|vóór)\s+(?<month>januari|februari|maart|augustus|january|february|march|april|june|july|august|september|october|november|december|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre)\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex NamedMonthRegex();

    [GeneratedRegex(
        @"\b(before|by|for|at|ahead of|prior to|vor|bis zum|zum|avant|pour|d'ici|d’ici|prima della|prima del|entro la|entro il)\s+(?:(?:our|the|your|this|next|unserem|unserer|dem|der|den|nächsten|la|le|notre|votre|prochaine?|de|nostra|prossima)\s+){0,2}(?:l['’])?(?:[\p{L}\d-]+\s+){0,2}?(QBR|quarterly (business )?review|meeting|call|review|workshop|check-in|jour fixe|go/no-go|Termin|Besprechung|Gespräch|Treffen|réunion|atelier|rendez-vous|riunione|incontro|chiamata|phase \d+(\s+(workshop|review|meeting|call|kick-?off))?)\b",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MeetingDueRegex();

    [GeneratedRegex(@"phase \d+", RegexOptions.NonBacktracking)]
    private static partial Regex PhaseRegex();

    [GeneratedRegex(@"(次回の?(定例会議|定例|会議|打ち合わせ|ミーティング)?|(定例会議|会議|打ち合わせ)(まで|の前に))", RegexOptions.NonBacktracking)]
    private static partial Regex JapaneseMeetingDueRegex();
}
