using RoleFerry.Grains.Mailboxes;
using RoleFerry.Grains.Telemetry;

namespace RoleFerry.Grains.Tests.Telemetry;

/// <summary>
/// The refusal reasons the mailbox rules write map to fixed metric tag values: a reworded reason fails here
/// instead of silently becoming "other" on the operators' charts.
/// </summary>
public sealed class RefusalReasonsTests
{
    private static readonly MailboxOptions Options = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, MailboxFacts> Ineligible => new()
    {
        { RefusalReasons.Paused, Facts() with { Status = MailboxStatuses.Paused, PausedReason = "health below 50" } },
        { RefusalReasons.Paused, Facts() with { Status = MailboxStatuses.Paused, PausedReason = null } },
        { RefusalReasons.Unhealthy, Facts() with { HealthScore = 69 } },
        { RefusalReasons.DailyCap, Facts() with { SentToday = 50 } },
        { RefusalReasons.MinimumGap, Facts() with { LastSentAt = Now - TimeSpan.FromSeconds(10), MinGap = TimeSpan.FromMinutes(1) } },
    };

    [Theory]
    [MemberData(nameof(Ineligible))]
    public void Every_reason_of_the_mailbox_rules_has_its_own_tag_value(string expected, MailboxFacts facts)
    {
        var verdict = MailboxRules.Evaluate(facts, Now, Options);

        Assert.False(verdict.Eligible);
        Assert.Equal(expected, RefusalReasons.Classify(verdict.Reason));
    }

    [Theory]
    [InlineData("step 2 of sequence instance 7 is already reserved on mailbox 3", RefusalReasons.HeldElsewhere)]
    [InlineData("the step's reservation changed meanwhile; try again", RefusalReasons.Conflict)]
    [InlineData("something new", RefusalReasons.Other)]
    [InlineData(null, RefusalReasons.Other)]
    public void The_mailbox_grains_own_reasons_have_tag_values_too(string? reason, string expected) =>
        Assert.Equal(expected, RefusalReasons.Classify(reason));

    private static MailboxFacts Facts() =>
        new(MailboxStatuses.Active, null, 100, 50, WarmupEnabled: false, WarmupStartedAt: null, SentToday: 0, LastSentAt: null, MinGap: TimeSpan.Zero);
}
