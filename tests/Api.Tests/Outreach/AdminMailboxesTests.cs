using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

public sealed class AdminMailboxesTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    private static object Request(
        string? email = null, string? domain = "mail.roleferry.test", string? smtpHost = "smtp.roleferry.test", int smtpPort = 587,
        int dailyCap = 50, int minGapSeconds = 0, bool warmupEnabled = false, string smtpPassword = "hunter2-smtp") => new
    {
        email = email ?? $"sender-{Guid.NewGuid():N}@mail.roleferry.test",
        domain,
        smtpHost,
        smtpPort,
        smtpUsername = "sender",
        smtpPassword,
        useTls = true,
        dailyCap,
        warmupEnabled,
        minGapSeconds,
    };

    private async Task<JsonElement> CreateAsync(object request)
    {
        var admin = await outreach.AdminAsync();
        return await (await admin.Client.PostJsonAsync("/api/admin/mailboxes", request)).JsonAsync(HttpStatusCode.Created);
    }

    private Task<long> CountAsync() => Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM mailboxes");

    [Fact]
    public async Task Non_admins_are_403_and_anonymous_callers_401()
    {
        var user = await outreach.NewUserAsync();
        var anonymous = outreach.Anonymous();
        var mailbox = await CreateAsync(Request());
        var id = mailbox.Id();

        var asUser = new[]
        {
            await user.Client.PostJsonAsync("/api/admin/mailboxes", Request()),
            await user.Client.GetAsync("/api/admin/mailboxes"),
            await user.Client.GetAsync($"/api/admin/mailboxes/{id}"),
            await user.Client.PostAsync($"/api/admin/mailboxes/{id}/pause", null),
            await user.Client.PostAsync($"/api/admin/mailboxes/{id}/resume", null),
            await user.Client.PostAsync($"/api/admin/mailboxes/{id}/activate", null),
            await user.Client.GetAsync($"/api/admin/mailboxes/{id}/health-log"),
        };
        var asNobody = new[]
        {
            await anonymous.PostJsonAsync("/api/admin/mailboxes", Request()),
            await anonymous.GetAsync("/api/admin/mailboxes"),
            await anonymous.PostAsync($"/api/admin/mailboxes/{id}/pause", null),
            await anonymous.GetAsync($"/api/admin/mailboxes/{id}/health-log"),
        };

        foreach (var response in asUser)
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.All(asNobody, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("active", (string?)await Db.ScalarAsync(outreach.ConnectionString, "SELECT status FROM mailboxes WHERE id = $1", id));
    }

    [Fact]
    public async Task Create_answers_201_and_never_returns_the_password()
    {
        var admin = await outreach.AdminAsync();
        var email = $"sender-{Guid.NewGuid():N}@mail.roleferry.test";
        const string password = "s3cret-smtp-Passw0rd";

        var response = await admin.Client.PostJsonAsync("/api/admin/mailboxes", Request(email, smtpPassword: password, dailyCap: 40, minGapSeconds: 30));

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        var mailbox = JsonDocument.Parse(raw).RootElement;
        Assert.Equal($"/api/admin/mailboxes/{mailbox.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal(email, mailbox.Str("email"));
        Assert.Equal("mail.roleferry.test", mailbox.Str("domain"));
        Assert.Equal("active", mailbox.Str("status"));
        Assert.Equal(100, mailbox.GetProperty("healthScore").GetInt32());
        Assert.Equal(40, mailbox.GetProperty("dailyCap").GetInt32());
        Assert.Equal(40, mailbox.GetProperty("effectiveCap").GetInt32());
        Assert.Equal(0, mailbox.GetProperty("sentToday").GetInt32());
        Assert.Equal(30, mailbox.GetProperty("minGapSeconds").GetInt32());
        Assert.Equal("smtp.roleferry.test", mailbox.Str("smtpHost"));
        Assert.Equal(587, mailbox.GetProperty("smtpPort").GetInt32());
        var stored = (byte[])(await Db.ScalarAsync(outreach.ConnectionString, "SELECT smtp_password_encrypted FROM mailboxes WHERE id = $1", mailbox.Id()))!;
        Assert.DoesNotContain(password, System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        var list = await (await admin.Client.GetAsync("/api/admin/mailboxes")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(password, list, StringComparison.Ordinal);
        Assert.DoesNotContain(outreach.Factory.Logs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_list_shows_each_mailbox_with_its_effective_cap_and_sends_today()
    {
        var admin = await outreach.AdminAsync();
        var plain = await CreateAsync(Request(dailyCap: 25));
        var warming = await CreateAsync(Request(dailyCap: 50, warmupEnabled: true));

        var list = await (await admin.Client.GetAsync("/api/admin/mailboxes")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(await CountAsync(), list.GetProperty("total").GetInt64());
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        var listedPlain = list.Items().Single(m => m.Id() == plain.Id());
        Assert.Equal("active", listedPlain.Str("status"));
        Assert.Equal(25, listedPlain.GetProperty("effectiveCap").GetInt32());
        Assert.Equal(0, listedPlain.GetProperty("sentToday").GetInt32());
        Assert.Equal(100, listedPlain.GetProperty("healthScore").GetInt32());
        var listedWarming = list.Items().Single(m => m.Id() == warming.Id());
        Assert.Equal("warmup", listedWarming.Str("status"));
        Assert.Equal(50, listedWarming.GetProperty("dailyCap").GetInt32());
        // Day 0 of warm-up: min(daily cap, 10 + 5 × 0).
        Assert.Equal(10, listedWarming.GetProperty("effectiveCap").GetInt32());
        Assert.Equal(0, listedWarming.GetProperty("sentToday").GetInt32());
        var one = await (await admin.Client.GetAsync($"/api/admin/mailboxes/{warming.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((warming.Id(), "warmup", 50, 10), (one.Id(), one.Str("status"), one.GetProperty("dailyCap").GetInt32(), one.GetProperty("effectiveCap").GetInt32()));
    }

    [Fact]
    public async Task The_list_pages()
    {
        var admin = await outreach.AdminAsync();
        await CreateAsync(Request());
        await CreateAsync(Request());
        var total = await CountAsync();

        var first = await (await admin.Client.GetAsync("/api/admin/mailboxes?page=1&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        var second = await (await admin.Client.GetAsync("/api/admin/mailboxes?page=2&pageSize=1")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(total, first.GetProperty("total").GetInt64());
        Assert.Single(first.Items());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.True(Assert.Single(second.Items()).Id() > Assert.Single(first.Items()).Id());
        await (await admin.Client.GetAsync("/api/admin/mailboxes?pageSize=500")).ProblemAsync(HttpStatusCode.BadRequest, "pageSize");
    }

    [Fact]
    public async Task Pause_resume_and_activate_change_the_status_and_each_writes_a_health_log_entry()
    {
        var admin = await outreach.AdminAsync();
        var mailbox = await CreateAsync(Request(dailyCap: 50, warmupEnabled: true));
        var id = mailbox.Id();
        Assert.Equal("warmup", mailbox.Str("status"));

        var paused = await (await admin.Client.PostAsync($"/api/admin/mailboxes/{id}/pause", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("paused", paused.Str("status"));
        Assert.False(paused.GetProperty("eligible").GetBoolean());
        Assert.Equal("paused by an admin", paused.Str("pausedReason"));

        var resumed = await (await admin.Client.PostAsync($"/api/admin/mailboxes/{id}/resume", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("warmup", resumed.Str("status"));
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("pausedReason").ValueKind);
        Assert.Equal(10, resumed.GetProperty("effectiveCap").GetInt32());

        var activated = await (await admin.Client.PostAsync($"/api/admin/mailboxes/{id}/activate", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", activated.Str("status"));
        Assert.False(activated.GetProperty("warmupEnabled").GetBoolean());
        Assert.Equal(50, activated.GetProperty("effectiveCap").GetInt32());
        var listed = (await (await admin.Client.GetAsync("/api/admin/mailboxes")).JsonAsync(HttpStatusCode.OK)).Items().Single(m => m.Id() == id);
        Assert.Equal("active", listed.Str("status"));

        var log = await (await admin.Client.GetAsync($"/api/admin/mailboxes/{id}/health-log")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, log.GetProperty("total").GetInt64());
        var entries = log.Items().ToList();
        Assert.Equal(["active", "warmup", "paused"], entries.Select(e => e.Str("status")));
        Assert.Equal(["activated: warm-up skipped", "resumed", "paused: paused by an admin"], entries.Select(e => e.Str("reason")));
        Assert.All(entries, e =>
        {
            Assert.Equal(100, e.GetProperty("healthScore").GetInt32());
            Assert.Equal(0, e.GetProperty("bounceRate7d").GetDecimal());
            Assert.Equal(0, e.GetProperty("sends7d").GetInt32());
            Assert.Equal(outreach.Clock.GetUtcNow(), e.GetProperty("loggedAt").GetDateTimeOffset());
        });
        var paged = await (await admin.Client.GetAsync($"/api/admin/mailboxes/{id}/health-log?page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("paused", Assert.Single(paged.Items()).Str("status"));
    }

    [Fact]
    public async Task An_unknown_mailbox_is_404()
    {
        var admin = await outreach.AdminAsync();
        const long unknown = 987654321;

        var responses = new[]
        {
            await admin.Client.GetAsync($"/api/admin/mailboxes/{unknown}"),
            await admin.Client.PostAsync($"/api/admin/mailboxes/{unknown}/pause", null),
            await admin.Client.PostAsync($"/api/admin/mailboxes/{unknown}/resume", null),
            await admin.Client.PostAsync($"/api/admin/mailboxes/{unknown}/activate", null),
            await admin.Client.GetAsync($"/api/admin/mailboxes/{unknown}/health-log"),
        };

        foreach (var response in responses)
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    public static TheoryData<string, string> InvalidMailboxes => new()
    {
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":0,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "smtpPort" },
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":70000,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "smtpPort" },
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":0,"warmupEnabled":false,"minGapSeconds":0}""", "dailyCap" },
        { """{"email":"not-an-email","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "email" },
        { """{"domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "email" },
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "smtpHost" },
        { """{"email":"s@mail.example.com","domain":"not a domain","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "domain" },
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":587,"smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":-1}""", "minGapSeconds" },
        { """{"email":"s@mail.example.com","domain":"mail.example.com","smtpHost":"smtp.example.com","smtpPort":"587x","smtpUsername":"u","smtpPassword":"p","useTls":true,"dailyCap":50,"warmupEnabled":false,"minGapSeconds":0}""", "smtpPort" },
    };

    [Theory]
    [MemberData(nameof(InvalidMailboxes))]
    public async Task Invalid_mailboxes_are_400_naming_the_field_and_store_nothing(string json, string field)
    {
        var admin = await outreach.AdminAsync();
        var before = await CountAsync();

        var response = await admin.Client.PostRawAsync("/api/admin/mailboxes", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task The_same_email_twice_is_409()
    {
        var admin = await outreach.AdminAsync();
        var email = $"sender-{Guid.NewGuid():N}@mail.roleferry.test";
        await CreateAsync(Request(email));

        var again = await admin.Client.PostJsonAsync("/api/admin/mailboxes", Request(email.ToUpperInvariant()));

        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await Db.CountAsync(outreach.ConnectionString, "SELECT count(*) FROM mailboxes WHERE lower(email) = lower($1)", email));
    }
}
