using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;
using RoleFerry.Grains.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Grains.Tests.Sequences;

/// <summary>
/// A job seeker with an application at a company, mailboxes that send to the real SMTP sink, and helpers to
/// enroll contacts (each with a unique address, so the sink can be asserted per contact).
/// </summary>
public abstract class OutreachTest : GrainTest
{
    protected ClusterSilo Silo { get; set; } = null!;

    protected long UserId { get; private set; }

    protected long CompanyId { get; private set; }

    protected long ApplicationId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UserId = await Seed.UserAsync($"seeker-{Guid.NewGuid():N}@example.test", tier: "pro", fullName: "Jamie Seeker");
        CompanyId = await Seed.CompanyAsync("Acme", $"acme-{Guid.NewGuid():N}.test");
        var job = await Seed.JobAsync(CompanyId, "Staff Engineer");
        ApplicationId = await Seed.ApplicationAsync(UserId, job);
        Silo = await StartSiloAsync();
    }

    protected IUserGrain User => Silo.Grains.GetGrain<IUserGrain>(UserId);

    protected ISequenceGrain Sequence(long id) => Silo.Grains.GetGrain<ISequenceGrain>(id);

    protected async Task<MailboxSnapshot> AddMailboxAsync(int dailyCap = 50, int minGapSeconds = 0)
    {
        var address = $"sender-{Guid.NewGuid():N}@mail.roleferry.test";
        var added = await Silo.Grains.GetGrain<IMailboxPoolGrain>(IMailboxPoolGrain.PlatformKey).AddMailboxAsync(new NewMailbox(
            address, "mail.roleferry.test", SmtpSink.Host, SmtpSink.Port, address, "smtp-secret", UseTls: false,
            dailyCap, WarmupEnabled: false, minGapSeconds));
        return added.Mailbox ?? throw new InvalidOperationException($"The pool refused {address}: {added.Error}");
    }

    /// <summary>A new contact at the company with a unique address (prefix selects the sink's scripted answer).</summary>
    protected async Task<(long Id, string Email)> AddContactAsync(string prefix = "alex", string fullName = "Alex Helper", string? timezone = null)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@example.test";
        return (await Seed.ContactAsync(UserId, CompanyId, email, fullName, timezone), email);
    }

    protected async Task<SequenceView> EnrollAsync(long contactId, long templateId, Dictionary<string, string>? variables = null)
    {
        var result = await User.EnrollAsync(new EnrollmentRequest(ApplicationId, contactId, templateId, variables ?? []));
        Assert.Null(result.Error);
        return result.Sequence!;
    }

    /// <summary>A template of the user's that may send at any time of any day, so tests need not think about windows.</summary>
    protected Task<long> AnyTimeTemplateAsync(params (double DelayHours, string Subject, string Body)[] steps) =>
        Seed.TemplateAsync(UserId, $"t-{Guid.NewGuid():N}", steps,
            """{"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00", "end": "24:00"}""");
}
