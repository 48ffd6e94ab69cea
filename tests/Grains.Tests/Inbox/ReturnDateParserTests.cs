using RoleFerry.Grains.Inbox;

namespace RoleFerry.Grains.Tests.Inbox;

public sealed class ReturnDateParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    [Theory]
    [InlineData("I will be back on 14 December.", "2026-12-14")]
    [InlineData("I'm out of office, returning 2026-12-14.", "2026-12-14")]
    [InlineData("Out until Monday 14/12, limited access to email.", "2026-12-14")]
    [InlineData("I'm away until December 14th, 2026 with no access to email.", "2026-12-14")]
    [InlineData("Back on Dec 14", "2026-12-14")]
    [InlineData("I return on 14.12.2026.", "2026-12-14")]
    [InlineData("Out of the office from 1 December until 14 December.", "2026-12-14")]
    [InlineData("Back on 5 January.", "2027-01-05")]
    [InlineData("Ich bin bis 14.12. nicht erreichbar.", "2026-12-14")]
    [InlineData("I am back Thursday 12/3.", "2026-12-03")]
    public void The_return_date_is_read_from_common_phrasings(string text, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ReturnDateParser.Parse(text, Today));
    }

    [Theory]
    [InlineData("I am on holiday. Last day in the office was 30 October.")]
    [InlineData("I am out of the office.")]
    [InlineData("Back at 10.30 am tomorrow.")]
    [InlineData("I will be back on 14 December 2031.")]
    public void No_return_date_without_a_plausible_one_after_a_return_word(string text)
    {
        Assert.Null(ReturnDateParser.Parse(text, Today));
    }
}
