using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>A sentence worth quoting, how much it carries (0 to about 1.5), and whether it names a risk or complaint.</summary>
public sealed record SalientSentence(string Sentence, double Salience, bool IsRisk);

/// <summary>
/// Finds the sentences of a mail or note that a director needs: amounts, percentages, dates and counts, decisions, asks,
/// conditions, complaints, risks and deadlines, in English, German, French, Spanish and Japanese. Each cue adds a fixed
/// weight (documented in the Core README); greetings, sign-offs, signature lines, disclaimers and text aimed at an
/// assistant are never quoted.
/// </summary>
public static partial class SalientSentences
{
    /// <summary>A sentence below this carries no fact of its own (a courtesy, a reference to an attachment).</summary>
    public const double Threshold = 0.35;

    public static IReadOnlyList<SalientSentence> Find(string text, int max) =>
        TextCues.Sentences(text)
            .Select(s => new SalientSentence(s, Score(s), RiskRegex().IsMatch(s)))
            .Where(s => s.Salience >= Threshold)
            .OrderByDescending(s => s.Salience)
            .Take(max)
            .ToList();

    /// <summary>The most salient sentence of a text, or null when none carries a fact.</summary>
    public static string? Best(string text) => Find(text, 1) is [var best] ? best.Sentence : null;

    public static double Score(string sentence)
    {
        var minimum = CjkRegex().IsMatch(sentence) ? 10 : 25;
        if (sentence.Length < minimum || TextCues.LooksLikeInjection(sentence) || BoilerplateRegex().IsMatch(sentence))
        {
            return 0;
        }

        var score = 0.0;
        score += MoneyRegex().IsMatch(sentence) ? 0.35 : 0;
        score += PercentRegex().IsMatch(sentence) ? 0.3 : 0;
        score += DateRegex().IsMatch(sentence) ? 0.2 : 0;
        score += CountRegex().IsMatch(sentence) ? 0.15 : 0;
        score += DecisionRegex().IsMatch(sentence) ? 0.3 : 0;
        score += AskRegex().IsMatch(sentence) ? 0.2 : 0;
        score += ConditionRegex().IsMatch(sentence) ? 0.35 : 0;
        score += RiskRegex().IsMatch(sentence) ? 0.3 : 0;
        score += DeadlineRegex().IsMatch(sentence) ? 0.15 : 0;
        return score;
    }

    [GeneratedRegex(@"[\u3040-\u30ff\u4e00-\u9fff]")]
    private static partial Regex CjkRegex();

    /// <summary>Signature lines, phone numbers, disclaimers, reply headers and sign-offs.</summary>
    [GeneratedRegex(@"(\S\s\|\s\S|\b(Tel|Phone|Mobile|Mobil|Fax|Tél)\.?:?\s*\+?\d|Sent from my|Enviado desde|Verzonden vanaf|Von meinem|Envoyé de mon|^(From|Von|De|Sent|Gesendet|Enviado|Envoyé|To|An|Para|À|Subject|Betreff|Asunto|Objet|Van|Verzonden|Aan|Onderwerp|Da|Inviato|Oggetto|差出人|送信日時|宛先|件名)\s*:|confidential|vertraulich|confidencial|confidentiel|vertrouwelijk|uitsluitend bestemd|destinat[io] esclusivamente|riservat[oa]|機密|Amtsgericht|Geschäftsführer:|HRB \d|^(thanks|thank you|best|regards|kind regards|cheers|mit freundlichen|viele grüße|beste grüße|gruß|un saludo|saludos|cordialement|bien à vous|merci|met vriendelijke groet|groeten|groet|cordiali saluti|distinti saluti|un saluto|saluti|grazie|よろしくお願い|いつもお世話))", RegexOptions.IgnoreCase)]
    private static partial Regex BoilerplateRegex();

    [GeneratedRegex(@"([€$£¥￥]\s?\d|\d[\d.,' ]*\s?(€|k€|EUR|USD|GBP|CHF|JPY|円|万円|億円|Mio\.?|million|millions|millones|Millionen)\b?|\b(EUR|USD|GBP|CHF|JPY)\s?\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyRegex();

    [GeneratedRegex(@"\d\s?(%|％|\b(Prozent|percent|per cent|por ciento|pour cent)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex PercentRegex();

    [GeneratedRegex(@"(\b\d{1,2}\.\s?(Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)|\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc|januari|februari|maart|mei|okt)|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)|\b\d{1,2}[./]\d{1,2}([./]\d{2,4})?\b|\d{1,2}月\d{1,2}日|月末|週末|来週|今週|\b(monday|tuesday|wednesday|thursday|friday|montag|dienstag|mittwoch|donnerstag|freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes|maandag|dinsdag|woensdag|donderdag|vrijdag)\b|[月火水木金]曜|\b(Q[1-4]|end of (the )?(month|quarter|year)|Ende (des )?(Monats|Quartals|Jahres)|fin (de|du) (mois|trimestre|año|mes)))", RegexOptions.IgnoreCase)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"(\d[\d.,]*\s?(hours?|days?|weeks?|months?|years?|h\b|Stunden|Tage|Wochen|Monate|Jahre|heures|jours|semaines|mois|ans|horas|días|semanas|meses|años|時間|日間|週間|か月|ヶ月|年間|件|名|人|社|台|users?|people|stores?|sites?|seats?|licen[cs]es?|machines?|vehicles?|subscribers?|orders?|shipments?|Nutzer|Werke|Maschinen|Anlagen|Filialen|Mitarbeiter|utilisateurs|magasins|sites|usuarios|tiendas|pedidos|reclamaciones|keer|uur|dagen|weken|maanden|jaar|gebruikers|winkels|vrachtwagens|orders|klachten)|\b\d{2,}[\d.,]*\b)", RegexOptions.IgnoreCase)]
    private static partial Regex CountRegex();

    [GeneratedRegex(@"(\b(decided|decision|agreed|approved|signed|selected|chose|confirmed|entschieden|beschlossen|Entscheidung|freigegeben|genehmigt|vereinbart|bestätigt|décidé|décision|validé|approuvé|retenu|confirmé|decidido|decisión|aprobado|acordado|confirmado|besloten|besluit|goedgekeurd|afgesproken|akkoord|deciso|decisione|approvato|concordato|confermato)\b|決定|決め|承認|合意)", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionRegex();

    [GeneratedRegex(@"([?？]|\b(can you|could you|would you|please|need you to|we need|we expect|bitte|können Sie|könnten Sie|brauchen|erwarten|pourriez|pouvez-vous|merci de|nous avons besoin|nous attendons|podríais|podrían|puede|por favor|necesitamos|esperamos|graag|kunnen jullie|kunt u|wij verwachten|hebben nodig|potete|potreste|per favore|abbiamo bisogno|ci serve)\b|お願い|いただけ|ください|必要)", RegexOptions.IgnoreCase)]
    private static partial Regex AskRegex();

    [GeneratedRegex(@"(\b(without|unless|before we (sign|can|commit)|cannot|can't|won't|will not|not (acceptable|able|possible)|only if|at most|no more than|ohne|nur wenn|erst wenn|maximal|höchstens|sans|ne\b.{1,30}\bpas (possible|accepter|signer)|pas (possible|acceptable)|sauf si|à condition|au maximum|no podemos|no es aceptable|solo si|siempre que|si no,|máximo|no supere|zonder|maximaal|hoogstens|niet acceptabel|alleen als|tenzij|mits|senza|al massimo|non oltre|non è accettabile|solo se|a condizione)\b|できません|できない|ない場合|なければ|見送|条件|以上)", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionRegex();

    [GeneratedRegex(@"(\b(outage|down|incident|delay(ed)?|late|missed|slipp(ed|ing)|complain(t|ts|ed)?|escalat\w*|risk|competitor|RFP|tender|churn|cancel\w*|terminat\w*|frustrat\w*|disappoint\w*|unacceptable|lost|failed|failing|broke|Ausfall|Stillstand|Verzöger\w*|verspätet|Beschwerde|Risiko|Wettbewerb\w*|Ausschreibung|kündig\w*|enttäuscht|Fehler|panne|retard\w*|plainte|réclamation|risque|concurrent|appel d'offres|résili\w*|déçu|retraso|reclamaci\w*|incidencia|riesgo|competencia|concurso|problema|uitval|storing|vertraging|te laat|klacht\w*|risico|concurrent\w*|aanbesteding|opzeg\w*|ontevreden|gemist|fermo|guasto|ritardo|reclam\w*|rischio|concorrente|gara|disdetta)\b|障害|遅延|遅れ|クレーム|苦情|リスク|競合|解約|問題|途絶)", RegexOptions.IgnoreCase)]
    private static partial Regex RiskRegex();

    [GeneratedRegex(@"(\b(by|until|before|no later than|deadline|due|bis|spätestens|vor dem|Frist|avant|d'ici|au plus tard|antes del?|como tarde|plazo|uiterlijk|vóór|deadline|entro|scadenza)\b|までに|期限)", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineRegex();
}
