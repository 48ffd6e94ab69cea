using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RoleFerry.Grains.Email;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>A template's trackOpens / trackClicks switches, as the composer applies them.</summary>
public sealed class EmailComposerTrackingSwitchTests
{
    private const string Html = "<p>See <a href=\"https://portfolio.example.org/work\">my work</a>.</p>";
    private readonly EmailComposer _composer = new(
        Options.Create(new EmailOptions { PublicBaseUrl = "https://roleferry.test/" }), new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32)));

    private OutgoingEmail Compose(bool trackOpens, bool trackClicks) => _composer.Compose(new ComposeRequest(
        9, "mbx1@mail.roleferry.test", "alex@acme.test", "jamie@seeker.test", "Jamie", "Hi", "See my work", Html,
        TrackOpens: trackOpens, TrackClicks: trackClicks));

    [Fact]
    public void Both_on_by_default_a_pixel_and_rewritten_links()
    {
        var html = Compose(trackOpens: true, trackClicks: true).HtmlBody;

        Assert.Contains("https://roleferry.test/t/o/", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://roleferry.test/t/c/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://portfolio.example.org/work\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Opens_off_no_pixel_links_still_tracked()
    {
        var html = Compose(trackOpens: false, trackClicks: true).HtmlBody;

        Assert.DoesNotContain("/t/o/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://roleferry.test/t/c/", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicks_off_links_go_out_as_written_and_the_unsubscribe_link_stays()
    {
        var html = Compose(trackOpens: true, trackClicks: false).HtmlBody;

        Assert.Contains("href=\"https://portfolio.example.org/work\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/t/c/", html, StringComparison.Ordinal);
        Assert.Contains("https://roleferry.test/u/", html, StringComparison.Ordinal);
        Assert.Contains("https://roleferry.test/t/o/", html, StringComparison.Ordinal);
    }
}
