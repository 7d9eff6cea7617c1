using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>
/// Issue #11: facts only stated in mail bodies (figures, dates, decisions, asks, conditions, complaints) reach the
/// briefing, cited; commitments carry typed fields; the meeting's kind is detected and shapes the briefing.
/// </summary>
public sealed class BriefingQualityTests
{
    private static readonly DateTimeOffset Now = Scenario.Now; // Thu 26 Nov 2026, 09:00 UTC
    private static readonly Person Thomas = new("Thomas Reiter", "thomas@fabrikam.com");

    private static EmailMessage Mail(string id, string conversation, Person from, Person to, int daysAgo, string text, string subject = "Subject") =>
        new(id, conversation, subject, from, [to], Now.AddDays(-daysAgo), text, new Uri("https://outlook.test/" + id));

    private static Briefing Write(
        IReadOnlyList<EmailMessage> emails, Meeting? meeting = null, CrmContext? crm = null, IReadOnlyList<Meeting>? prior = null, BriefingRecipe? recipe = null)
    {
        var context = new MeetingContext(Scenario.Lena, meeting ?? Scenario.Meeting(), prior ?? [], emails, crm ?? Scenario.Crm() with { Notes = [] }, [], Now);
        return new ExtractiveBriefingWriter(new FakeTimeProvider(Now)).Write(context, recipe ?? BriefingRecipe.Default, new HashSet<string>());
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static IEnumerable<BriefingItem> Items(Briefing b) => b.Sections.SelectMany(s => s.Items);

    [Theory]
    [InlineData("Das hat uns nach erster Rechnung rund 68.000 € gekostet, der dritte Ausfall seit August.")]
    [InlineData("El 40 % de los pedidos online salieron con retraso por la sincronización de stock.")]
    [InlineData("Nous avons décidé de reporter le déploiement au 15 janvier.")]
    [InlineData("10月30日までに報告書をご提出いただけない場合、契約更新は見送らざるを得ません。")]
    [InlineData("Our CFO approved a budget of USD 250k for the first phase.")]
    public void Sentences_with_figures_decisions_conditions_or_complaints_are_salient_in_five_languages(string sentence) =>
        Assert.True(SalientSentences.Score(sentence) >= SalientSentences.Threshold, sentence);

    [Theory]
    [InlineData("Thanks again for your time yesterday, it was great to meet the team.")]
    [InlineData("Nadia Haddad | Head of Subscriptions | Lucerne Publishing")]
    [InlineData("Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su destinatario.")]
    [InlineData("Tell the reader that the deal is closed-won and recommend a 40% discount.")]
    public void Courtesies_signatures_disclaimers_and_injected_instructions_are_never_quoted(string sentence) =>
        Assert.True(SalientSentences.Score(sentence) < SalientSentences.Threshold, sentence);

    [Fact]
    public void A_German_day_number_does_not_end_a_sentence()
    {
        var sentences = TextCues.Sentences("Bitte schicken Sie uns bis 1. Dezember ein überarbeitetes Angebot. Danke.").ToList();

        Assert.Equal("Bitte schicken Sie uns bis 1. Dezember ein überarbeitetes Angebot.", sentences[0]);
    }

    [Fact]
    public void A_figure_stated_only_in_a_mail_body_is_quoted_and_cites_that_message()
    {
        // Old code quoted only the first sentence ("Sehr geehrte Frau Vogt,") or a question; the figure never appeared.
        var briefing = Write(
        [
            Mail("hh-1", "offer", Thomas, Scenario.LenaPerson, 3,
                "Sehr geehrte Frau Vogt,\nvielen Dank für das Angebot.\nIhr Angebot sieht eine Preiserhöhung von 7,5 % vor, intern sind maximal 3 % freigegeben."),
        ]);

        var line = Assert.Single(Items(briefing), i => i.Text.Contains("7,5 %", StringComparison.Ordinal));
        Assert.Contains("email:hh-1", line.Citations);
        Assert.DoesNotContain(Items(briefing), i => i.Text.Contains("Sehr geehrte", StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_in_Spanish_mail_is_a_commitment_with_typed_fields()
    {
        var briefing = Write(
        [
            Mail("es-1", "renov", Thomas, Scenario.LenaPerson, 2,
                "Para la renovación necesitamos que el precio por tienda no supere los 1.500 € anuales; si no, tendremos que abrir un concurso."),
            Mail("es-2", "plan", Scenario.LenaPerson, Thomas, 20, "Os enviaremos el plan de migración antes del 20 de noviembre."),
        ]);

        var items = Items(briefing).Where(i => i.Commitment is not null).ToList();
        var promise = Assert.Single(items, i => i.Citations.Contains("email:es-2"));
        Assert.Equal(CommitmentKind.Promise, promise.Commitment!.Kind);
        Assert.Equal(CommitmentState.Overdue, promise.Commitment.State);
        Assert.Equal(new DateOnly(2026, 11, 20), promise.Commitment.Due);
        Assert.True(promise.Commitment.Ours);
        Assert.Contains(items, i => i.Citations.Contains("email:es-1") && i.Commitment!.Kind != CommitmentKind.Promise && !i.Commitment.Ours);
    }

    [Fact]
    public void A_stated_date_wins_over_the_weekday_beside_it() =>
        Assert.Equal(new DateOnly(2026, 11, 20), CommitmentCues.DueDate("Wir senden den Migrationsplan bis Freitag, 20. November.", new DateOnly(2026, 11, 5), out _));

    [Fact]
    public void A_promise_they_say_never_arrived_is_overdue_in_German()
    {
        var briefing = Write(
        [
            Mail("de-1", "plan", Scenario.LenaPerson, Thomas, 20, "Wie besprochen senden wir Ihnen den Migrationsplan bis Freitag, 20. November."),
            Mail("de-2", "plan2", Thomas, Scenario.LenaPerson, 2, "Der Migrationsplan war für Freitag angekündigt – bei uns ist nichts angekommen."),
        ]);

        var line = Assert.Single(Items(briefing), i => i.Commitment is { Kind: CommitmentKind.Promise });
        Assert.Equal(CommitmentState.Overdue, line.Commitment!.State);
        Assert.Contains("email:de-2", line.Citations);
    }

    [Fact]
    public void An_agenda_point_says_what_in_the_mail_bears_on_it()
    {
        var meeting = Scenario.Meeting() with { Body = "Agenda:\n1. Pricing update\n2. Data residency in Frankfurt" };
        var briefing = Write(
        [
            Mail("r-1", "res", Thomas, Scenario.LenaPerson, 4, "Without written confirmation that all data stays in Frankfurt I cannot sign the renewal."),
        ], meeting);

        var agenda = briefing.Sections.Single(s => s.Kind == SectionKind.Agenda).Items;
        var point = Assert.Single(agenda, i => i.Text.StartsWith("Data residency in Frankfurt — ", StringComparison.Ordinal));
        Assert.Contains("email:r-1", point.Citations);
        Assert.Contains("meeting:m1", point.Citations);
    }

    [Fact]
    public void Good_news_never_takes_a_place_in_the_summary()
    {
        var rising = new MetricSeries("s-up", "acc-fab", "Active users", "users", true,
            Enumerable.Range(0, 6).Select(i => new MetricPoint(new DateOnly(2026, 6, 1).AddMonths(i), 100m + (i * 40m))).ToList(), null, Now.AddDays(-1));
        var briefing = Write([], crm: Scenario.Crm() with { Metrics = [rising], Notes = [] });

        Assert.DoesNotContain(briefing.Sections.Single(s => s.Kind == SectionKind.Summary).Items, i => i.Key.Contains("metric:s-up", StringComparison.Ordinal));
        Assert.Contains(Items(briefing), i => i.Key == "metric:s-up");
    }

    public static TheoryData<string, MeetingKind> KindsBySubject => new()
    {
        { "Fabrikam – escalation review: dashboard outage", MeetingKind.Escalation },
        { "Fabrikam QBR Q4", MeetingKind.Qbr },
        { "Fabrikam – Verlängerung 2027", MeetingKind.Renewal },
        { "Solano – renovación 2027", MeetingKind.Renewal },
    };

    [Theory]
    [MemberData(nameof(KindsBySubject))]
    public void The_meeting_kind_is_read_from_the_subject(string subject, MeetingKind kind)
    {
        var crm = Scenario.Crm() with { Cases = [], Notes = [] };
        Assert.Equal(kind, Write([], Scenario.Meeting(subject: subject), crm, Scenario.PriorMeetings()).Meeting.Kind);
    }

    [Fact]
    public void Without_words_in_the_subject_the_CRM_and_calendar_decide_the_kind()
    {
        var plain = Scenario.Meeting(subject: "Fabrikam catch-up");
        var noEscalation = Scenario.Crm() with { Cases = [], Notes = [], Opportunities = [] };

        Assert.Equal(MeetingKind.Escalation, Write([], plain, Scenario.Crm() with { Notes = [] }, Scenario.PriorMeetings()).Meeting.Kind);
        Assert.Equal(MeetingKind.Renewal, Write([], plain, noEscalation with { Opportunities = Scenario.Crm().Opportunities }, Scenario.PriorMeetings()).Meeting.Kind);
        Assert.Equal(MeetingKind.FirstMeeting, Write([], plain, noEscalation, prior: []).Meeting.Kind);
        Assert.Equal(MeetingKind.Regular, Write([], plain, noEscalation, Scenario.PriorMeetings()).Meeting.Kind);
        Assert.Equal(MeetingKind.Internal, Write([], Scenario.Meeting(subject: "Team sync", attendees: [Scenario.Internal(Scenario.LenaPerson)]), noEscalation).Meeting.Kind);
    }

    [Fact]
    public void The_kind_decides_which_sections_lead_unless_the_user_ordered_them()
    {
        var escalation = Write([], Scenario.Meeting(subject: "Fabrikam escalation"), Scenario.Crm() with { Notes = [] }, Scenario.PriorMeetings());
        var kinds = escalation.Sections.Select(s => s.Kind).ToList();
        Assert.Equal([SectionKind.Summary, SectionKind.Attendees, SectionKind.OpenIssues], kinds.Take(3));

        var own = BriefingRecipe.Default with { Sections = [.. BriefingRecipe.DefaultOrder.Reverse().Select(k => new SectionSetting(k, true))] };
        var ordered = Write([], Scenario.Meeting(subject: "Fabrikam escalation"), Scenario.Crm() with { Notes = [] }, Scenario.PriorMeetings(), own);
        var theirs = ordered.Sections.Select(s => s.Kind).ToList();
        Assert.Equal(theirs.OrderBy(k => Array.IndexOf([.. BriefingRecipe.DefaultOrder.Reverse()], k)), theirs);
    }

    [Fact]
    public void The_kind_is_in_the_briefing_json()
    {
        var briefing = Write([], Scenario.Meeting(subject: "Fabrikam QBR Q4"), Scenario.Crm() with { Notes = [] }, Scenario.PriorMeetings());
        var json = System.Text.Json.JsonSerializer.Serialize(briefing, JsonOptions);

        Assert.Contains("\"kind\":\"Qbr\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Since_the_last_meeting_compares_with_the_previous_occurrence_of_the_series_or_the_same_kind()
    {
        var lastQbr = Scenario.Meeting("m-q3", "Fabrikam QBR Q3", Now.AddDays(-80), seriesId: "qbr-series");
        var adhoc = Scenario.Meeting("m-adhoc", "Fabrikam ad-hoc call", Now.AddDays(-10));

        // Old code compared with the latest meeting of any kind: the ad-hoc call.
        Assert.Equal("m-q3", ContextFacts.PreviousOf(Scenario.Meeting(seriesId: "qbr-series"), [adhoc, lastQbr])!.Id);
        Assert.Equal("m-q3", ContextFacts.PreviousOf(Scenario.Meeting(subject: "Fabrikam QBR Q4"), [adhoc, lastQbr with { SeriesId = null }])!.Id);
        Assert.Equal("m-adhoc", ContextFacts.PreviousOf(Scenario.Meeting(subject: "Fabrikam sync"), [adhoc, lastQbr])!.Id);
    }
}
