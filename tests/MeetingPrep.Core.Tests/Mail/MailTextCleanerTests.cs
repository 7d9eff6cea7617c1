using MeetingPrep.Core.Mail;
using Xunit;

namespace MeetingPrep.Core.Tests.Mail;

public sealed class MailTextCleanerTests
{
    [Fact]
    public void Html_is_reduced_to_text_without_script_style_comments_or_tags()
    {
        const string Html = """
            <html><head><title>ignored title</title><style>.x{color:red}</style></head>
            <body><!-- tracking comment --><script>alert('x')</script>
            <p>Line&nbsp;one &amp; <b>bold</b></p><div>Line two</div><ul><li>first</li><li>second</li></ul>
            <table><tr><td>cell a</td><td>cell b</td></tr></table></body></html>
            """;

        var text = MailTextCleaner.Clean(Html, isHtml: true);

        Assert.Equal("Line one & bold\nLine two\n- first\n- second\ncell a cell b", text);
    }

    [Fact]
    public void Html_paragraph_spacing_follows_what_the_reader_saw()
    {
        const string Outlook = "<p class=MsoNormal>Hello,</p><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>Second\r\nparagraph</p>";
        const string Gmail = "<div>a</div><div><br></div><div>b<br>c</div>";

        Assert.Equal("Hello,\n\nSecond paragraph", MailTextCleaner.Clean(Outlook, isHtml: true));
        Assert.Equal("a\n\nb\nc", MailTextCleaner.Clean(Gmail, isHtml: true));
    }

    [Fact]
    public void Entities_decode_including_numeric_and_non_latin()
    {
        var text = MailTextCleaner.Clean("<p>Caf&eacute; &#x4E2D;&#25991; &lt;tag&gt; &quot;q&quot; &#8364;5</p>", isHtml: true);

        Assert.Equal("Café 中文 <tag> \"q\" €5", text);
    }

    [Fact]
    public void Outlook_reply_header_in_html_cuts_the_quoted_history()
    {
        const string Html = """
            <div>Thanks, the 450 seats work for us.</div>
            <hr><div id="divRplyFwdMsg"><b>From:</b> Adele Vance &lt;adelev@contoso.com&gt;<br><b>Sent:</b> Friday<br>Old proposal text</div>
            """;

        Assert.Equal("Thanks, the 450 seats work for us.", MailTextCleaner.Clean(Html, isHtml: true));
    }

    [Fact]
    public void Gmail_quote_is_cut()
    {
        const string Html = """<div dir="ltr">New point</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Alex wrote:</div><blockquote>old</blockquote></div>""";

        Assert.Equal("New point", MailTextCleaner.Clean(Html, isHtml: true));
    }

    [Theory]
    [InlineData("On Mon, 3 Mar 2025 at 10:00, Alex Kim <alex.kim@fabrikam.com> wrote:")]
    [InlineData("-----Original Message-----")]
    [InlineData("________________________________")]
    [InlineData("Am Mo., 3. März 2025 um 10:00 Uhr schrieb Alex Kim <alex.kim@fabrikam.com>:")]
    [InlineData("Le lun. 3 mars 2025 à 10:00, Alex Kim <alex.kim@fabrikam.com> a écrit :")]
    [InlineData("El lun, 3 mar 2025 a las 10:00, Alex Kim escribió:")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    public void Quoted_replies_in_text_are_cut(string marker)
    {
        var body = $"New content here.\n\n{marker}\nOlder content that must go.\n> and a quote";

        Assert.Equal("New content here.", MailTextCleaner.Clean(body, isHtml: false));
    }

    [Fact]
    public void A_wrapped_attribution_line_is_recognised()
    {
        const string Body = "Agreed.\n\nOn Mon, 3 Mar 2025 at 10:00, Alex Kim\n<alex.kim@fabrikam.com> wrote:\n> old";

        Assert.Equal("Agreed.", MailTextCleaner.Clean(Body, isHtml: false));
    }

    [Fact]
    public void Forward_headers_need_a_sent_line_so_a_sentence_starting_with_from_survives()
    {
        const string Body = "From: the team's side, all good.\nWe start Monday.\n\nFrom: Alex Kim\nSent: Monday, March 3, 2025 10:00 AM\nTo: Adele\nSubject: old";

        Assert.Equal("From: the team's side, all good.\nWe start Monday.", MailTextCleaner.Clean(Body, isHtml: false));
    }

    [Fact]
    public void German_outlook_headers_are_cut()
    {
        const string Body = "Passt für uns.\n\nVon: Alex Kim <alex.kim@fabrikam.com>\nGesendet: Montag, 3. März 2025 10:00\nAn: Adele";

        Assert.Equal("Passt für uns.", MailTextCleaner.Clean(Body, isHtml: false));
    }

    [Fact]
    public void Inline_quote_lines_are_dropped()
    {
        Assert.Equal("My answer\nMore", MailTextCleaner.Clean("> their question\nMy answer\n>> deeper\nMore", isHtml: false));
    }

    [Theory]
    [InlineData("Best,\nAlex\nAlex Kim | CTO | Fabrikam")]
    [InlineData("-- \nAlex Kim\n+1 555 0100")]
    [InlineData("Mit freundlichen Grüßen\nAlex Kim")]
    [InlineData("Cordialement,\nAlex")]
    [InlineData("Sent from my iPhone")]
    [InlineData("Kind regards\nAlex")]
    public void Signatures_and_sign_offs_are_cut(string signature)
    {
        var body = "Can we move the call to Tuesday?\n\n" + signature;

        Assert.Equal("Can we move the call to Tuesday?", MailTextCleaner.Clean(body, isHtml: false));
    }

    [Fact]
    public void A_message_that_is_only_a_sign_off_keeps_it()
    {
        Assert.Equal("Thanks!", MailTextCleaner.Clean("Thanks!", isHtml: false));
    }

    [Fact]
    public void Sentences_that_begin_like_a_sign_off_are_kept()
    {
        Assert.Equal("Hi,\nThanks for the quote, it looks fine.", MailTextCleaner.Clean("Hi,\nThanks for the quote, it looks fine.", isHtml: false));
    }

    [Fact]
    public void Whitespace_is_collapsed_and_paragraphs_kept()
    {
        const string Body = "  First   line\t with  spaces \r\n\r\n\r\n\r\nSecond\u00A0paragraph\u200B.  \r\n";

        Assert.Equal("First line with spaces\n\nSecond paragraph.", MailTextCleaner.Clean(Body, isHtml: false));
    }

    [Fact]
    public void Non_english_text_survives_intact()
    {
        const string Body = "ご提案ありがとうございます。来週の火曜日に詳細を確認しましょう。\nПривет! Ёлка и щётка.\nمرحبا بالعالم";

        Assert.Equal(Body, MailTextCleaner.Clean(Body, isHtml: false));
    }

    [Fact]
    public void Long_text_is_capped_on_a_word_boundary_with_an_ellipsis()
    {
        var body = string.Join(' ', Enumerable.Repeat("word", 100));

        var text = MailTextCleaner.Clean(body, isHtml: false, maxLength: 42);

        Assert.True(text.Length <= 42, text);
        Assert.EndsWith("word…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Capping_never_splits_a_surrogate_pair()
    {
        var body = new string('a', 8) + "😀😀😀😀";

        var text = MailTextCleaner.Clean(body, isHtml: false, maxLength: 12);

        Assert.Equal("aaaaaaaa😀…", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Empty_input_gives_empty_text(string? body) =>
        Assert.Equal(string.Empty, MailTextCleaner.Clean(body, isHtml: true));

    [Fact]
    public void Pathological_html_is_cut_to_the_input_cap_and_yields_bounded_plain_text()
    {
        // Speed is measured by the benchmark harness, not asserted here; this checks the bounds that keep it linear.
        var html = string.Concat(Enumerable.Repeat("<div><<<<a", 50_000));

        var text = MailTextCleaner.Clean(html, isHtml: true, maxLength: 500);

        Assert.True(text.Length <= 500, text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("<div>", text, StringComparison.Ordinal);
    }
}
