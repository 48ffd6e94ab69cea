using RoleFerry.Grains.Mailboxes;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RoleFerry.Grains.Email;
using RoleFerry.Grains.Interfaces.Mailboxes;
using RoleFerry.Data.Tracking;
using RoleFerry.Grains.Templates;
using RoleFerry.Testing;
using Xunit.Abstractions;

namespace RoleFerry.Grains.Tests.Email;

/// <summary>
/// A real step email as it leaves: step 1 of the platform template "Job Seeker Default" (read from a migrated
/// database: db/migrations/0003_seed_platform_templates.sql), rendered with sample variables, composed, sent
/// through the transport to the test SMTP server, and the raw message it received scored by SpamAssassin.
/// </summary>
public sealed class SpamAssassinScoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Well below SpamAssassin's spam threshold (5.0): a cold email has no reputation to spare.</summary>
    private const double MaxScore = 2.0;

    private readonly EmailOptions _options = new() { PublicBaseUrl = "https://app.roleferry.example", UnsubscribeAddress = "unsubscribe@roleferry.example" };
    private SmtpMailTransport _transport = null!;

    public Task InitializeAsync()
    {
        _transport = new SmtpMailTransport(Options.Create(_options), TestSecrets.Protector, NullLogger<SmtpMailTransport>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    [Fact]
    public async Task Step_one_of_the_job_seeker_template_scores_below_two()
    {
        var (subject, body) = await JobSeekerStepOneAsync();
        var variables = new Dictionary<string, string>
        {
            [BuiltInVariables.FirstName] = "Alex",
            [BuiltInVariables.LastName] = "Morgan",
            [BuiltInVariables.FullName] = "Alex Morgan",
            [BuiltInVariables.Company] = "Northwind Analytics",
            [BuiltInVariables.Role] = "Senior Data Engineer",
            [BuiltInVariables.MyName] = "Jamie Seeker",
        };
        var to = $"alex.morgan+{Guid.NewGuid():N}@northwind.example";
        var composer = new EmailComposer(Options.Create(_options), new TrackingTokenCodec(RandomNumberGenerator.GetBytes(32)));
        var email = composer.Compose(new ComposeRequest(
            123456,
            "jamie@mail.jamieseeker.example",
            to,
            "jamie@jamieseeker.example",
            "Jamie Seeker",
            TemplateRenderer.Render(subject, variables),
            TemplateRenderer.Render(body, variables),
            TemplateRenderer.RenderHtml(body, variables),
            ToName: "Alex Morgan"));
        var mailbox = new SmtpSettings("jamie@mail.jamieseeker.example", SmtpSink.Host, SmtpSink.Port, "jamie@mail.jamieseeker.example", TestSecrets.Seal("app-password"), UseTls: false);

        Assert.Equal(SendOutcomeKind.Sent, (await _transport.SendAsync(mailbox, email, CancellationToken.None)).Kind);
        var raw = await SinkFile.ReceivedDataAsync(to);
        var result = await SpamAssassin.CheckAsync(raw);

        output.WriteLine($"SpamAssassin score {result.Score} (required < {MaxScore}); rules: {(result.Rules.Count == 0 ? "none" : string.Join(", ", result.Rules))}");
        output.WriteLine(result.Report);
        output.WriteLine("--- the message as received ---");
        output.WriteLine(System.Text.Encoding.ASCII.GetString(raw));
        Assert.True(result.Score < MaxScore, $"SpamAssassin scored {result.Score} ({string.Join(", ", result.Rules)})");
    }

    /// <summary>Subject and body of step 1 of the platform template, as the migrations seed it.</summary>
    private static async Task<(string Subject, string Body)> JobSeekerStepOneAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        await using var command = dataSource.CreateCommand(
            "SELECT steps->0->>'subject', steps->0->>'body' FROM sequence_templates WHERE is_platform AND name = 'Job Seeker Default' AND (steps->0->>'stepNo')::int = 1");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the platform template 'Job Seeker Default' is not seeded");
        return (reader.GetString(0), reader.GetString(1));
    }
}
