using System.Security.Cryptography;
using RoleFerry.Data.Tracking;

namespace RoleFerry.Grains.Tests.Email;

public sealed class TrackingTokenCodecTests
{
    private const string UrlSafeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private readonly TrackingTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(TrackingKind.Open, 1L)]
    [InlineData(TrackingKind.Unsubscribe, 42L)]
    [InlineData(TrackingKind.LivePage, long.MaxValue)]
    public void A_token_reads_back_as_its_kind_and_outreach(TrackingKind kind, long outreachId)
    {
        var token = _codec.Create(kind, outreachId);

        Assert.True(_codec.TryRead(token, out var payload));
        Assert.Equal(new TrackingToken(kind, outreachId), payload);
        Assert.All(token, c => Assert.Contains(c, UrlSafeAlphabet));
    }

    [Fact]
    public void A_click_token_carries_its_url_exactly()
    {
        const string url = "https://example.test/jobs?id=7&ref=rf#top ü";

        var token = _codec.Create(TrackingKind.Click, 7, url);

        Assert.True(_codec.TryRead(token, out var payload));
        Assert.Equal(new TrackingToken(TrackingKind.Click, 7, url), payload);
        Assert.Equal(token, _codec.Create(payload));
        Assert.All(token, c => Assert.Contains(c, UrlSafeAlphabet));
    }

    [Fact]
    public void Changing_any_character_breaks_the_token()
    {
        var token = _codec.Create(TrackingKind.Click, 123, "https://example.test/a");

        for (var i = 0; i < token.Length; i++)
        {
            foreach (var replacement in new[] { 'A', 'g', '-', '_', '0' }.Where(r => r != token[i]))
            {
                var tampered = token[..i] + replacement + token[(i + 1)..];
                Assert.False(_codec.TryRead(tampered, out var payload), $"accepted a token changed at {i}");
                Assert.Null(payload);
            }
        }
    }

    [Fact]
    public void Truncated_extended_or_padded_tokens_are_rejected()
    {
        var token = _codec.Create(TrackingKind.Unsubscribe, 99);

        for (var length = 0; length < token.Length; length++)
        {
            Assert.False(_codec.TryRead(token[..length], out _), $"accepted the first {length} characters");
        }

        Assert.False(_codec.TryRead(token + "A", out _));
        Assert.False(_codec.TryRead(token + "=", out _));
        Assert.False(_codec.TryRead(" " + token, out _));
        Assert.True(_codec.TryRead(token, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("not a token!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_rejected(string? token)
    {
        Assert.False(_codec.TryRead(token, out var payload));
        Assert.Null(payload);
    }

    [Fact]
    public void A_very_long_string_is_rejected_without_decoding()
    {
        Assert.False(_codec.TryRead(new string('A', 100_000), out _));
    }

    [Fact]
    public void Another_keys_token_is_rejected()
    {
        var other = new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32));

        Assert.False(_codec.TryRead(other.Create(TrackingKind.Open, 5), out _));
        Assert.False(other.TryRead(_codec.Create(TrackingKind.Open, 5), out _));
    }

    [Fact]
    public void The_same_key_bytes_make_the_same_tokens()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(new TrackingTokenCodec(key).Create(TrackingKind.Open, 5), new TrackingTokenCodec(key).Create(TrackingKind.Open, 5));
    }

    [Fact]
    public void A_token_is_not_the_plain_id_and_kinds_do_not_share_tokens()
    {
        var one = _codec.Create(TrackingKind.Open, 12345);
        var two = _codec.Create(TrackingKind.Open, 12346);

        Assert.DoesNotContain("12345", one);
        Assert.NotEqual(one, two);
        Assert.NotEqual(one, _codec.Create(TrackingKind.Unsubscribe, 12345));
        Assert.True(one.Length >= 30, $"token '{one}' is too short to carry a signature");
    }

    [Fact]
    public void Create_refuses_what_a_token_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => _codec.Create(TrackingKind.Click, 1));
        Assert.Throws<ArgumentException>(() => _codec.Create(TrackingKind.Click, 1, "javascript:alert(1)"));
        Assert.Throws<ArgumentException>(() => _codec.Create(TrackingKind.Click, 1, "/relative/path"));
        Assert.Throws<ArgumentException>(() => _codec.Create(TrackingKind.Click, 1, "https://example.test/" + new string('a', TrackingTokenCodec.MaxUrlBytes)));
        Assert.Throws<ArgumentException>(() => _codec.Create(TrackingKind.Open, 1, "https://example.test/"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _codec.Create(TrackingKind.Open, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _codec.Create((TrackingKind)9, 1));
    }

    [Fact]
    public void The_key_must_be_at_least_32_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrackingTokenCodec(new byte[31]));

        Assert.Equal("The token signing key must be at least 32 bytes (got 31). (Parameter 'signingKey')", error.Message);
    }
}
