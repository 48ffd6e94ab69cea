using RoleFerry.Grains.Inbox;

namespace RoleFerry.Grains.Tests.Inbox;

public sealed class InboundClassifierTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    [Fact]
    public void A_plain_answer_is_a_reply_even_when_the_quoted_email_says_unsubscribe()
    {
        var email = InboundParsing.Parse(InboundMessages.Reply("alex@acme.test", "sender@mail.test", "a@b", "Sure, happy to chat on Thursday."));

        Assert.Equal("reply", InboundClassifier.Classify(email, Today).Kind);
    }

    [Theory]
    [InlineData("Please remove me from your list.")]
    [InlineData("unsubscribe")]
    [InlineData("Stop emailing me.")]
    public void An_answer_asking_to_be_left_alone_is_an_unsubscribe(string text)
    {
        var email = InboundParsing.Parse(InboundMessages.Reply("alex@acme.test", "sender@mail.test", "a@b", text));

        Assert.Equal("unsubscribe", InboundClassifier.Classify(email, Today).Kind);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied\r\n", "Re: Quick advice")]
    [InlineData("X-Autoreply: yes\r\n", "Re: Quick advice")]
    [InlineData("X-Autorespond: Out of office\r\n", "Re: Quick advice")]
    [InlineData("Precedence: auto_reply\r\n", "Re: Quick advice")]
    [InlineData("", "Out of Office: Quick advice")]
    [InlineData("", "Automatic reply: Quick advice")]
    [InlineData("", "Abwesenheitsnotiz: Quick advice")]
    public void Automatic_answers_are_auto_replies(string header, string subject)
    {
        var email = InboundParsing.Parse(
            $"From: alex@acme.test\r\nTo: s@mail.test\r\nSubject: {subject}\r\nMessage-ID: <x@acme.test>\r\n{header}\r\nI am away.\r\n");

        Assert.Equal("auto_reply", InboundClassifier.Classify(email, Today).Kind);
    }

    [Fact]
    public void Auto_submitted_no_is_a_person()
    {
        var email = InboundParsing.Parse("From: alex@acme.test\r\nSubject: Re: hi\r\nAuto-Submitted: no\r\n\r\nThanks!\r\n");

        Assert.Equal("reply", InboundClassifier.Classify(email, Today).Kind);
    }

    [Fact]
    public void An_out_of_office_carries_its_return_date()
    {
        var email = InboundParsing.Parse(InboundMessages.OutOfOffice("alex@acme.test", "s@mail.test", "a@b",
            "Thanks for your email. I am out of the office from 1 December and back on 14 December."));

        var kind = InboundClassifier.Classify(email, Today);

        Assert.Equal(("auto_reply", new DateOnly(2026, 12, 14)), (kind.Kind, kind.ReturnDate));
    }

    [Fact]
    public void A_dsn_with_a_5xx_status_is_a_hard_bounce_of_the_failed_recipient()
    {
        var email = InboundParsing.Parse(InboundMessages.Bounce("s@mail.test", "bob@acme.test", "orig@mail.test"));

        var kind = InboundClassifier.Classify(email, Today);

        Assert.Equal(("bounce", "hard", "5.1.1", "bob@acme.test"), (kind.Kind, kind.BounceType, kind.BounceStatus, kind.FailedRecipient));
        Assert.Equal("orig@mail.test", email.DeliveryStatus!.OriginalMessageId);
        Assert.Contains("User unknown", kind.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dsn_with_a_4xx_status_that_gave_up_is_a_soft_bounce_and_a_delay_is_no_bounce()
    {
        var soft = InboundParsing.Parse(InboundMessages.Bounce("s@mail.test", "bob@acme.test", "orig@mail.test", status: "4.2.2"));
        var delayed = InboundParsing.Parse(InboundMessages.Bounce("s@mail.test", "bob@acme.test", "orig@mail.test", status: "4.4.1", action: "delayed"));

        Assert.Equal(("bounce", "soft"), (InboundClassifier.Classify(soft, Today).Kind, InboundClassifier.Classify(soft, Today).BounceType));
        var ignored = InboundClassifier.Classify(delayed, Today);
        Assert.Null(ignored.Kind);
        Assert.Contains("delayed", ignored.IgnoredBecause, StringComparison.Ordinal);
    }
}
