using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// The silo of the outreach test classes (<see cref="SiloFixture"/>): bearer tokens outlive the clock moves, and the
/// webhook secret is known.
/// </summary>
public sealed class OutreachFixture() : SiloFixture(WebhookSecret, TimeSpan.FromDays(30))
{
    public const string WebhookSecret = "outreach-tests-webhook-secret";

    /// <summary>A fresh active mailbox (no warm-up, cap 50, no gap) that sends to the test SMTP server.</summary>
    public async Task<JsonElement> NewMailboxAsync()
    {
        var admin = await AdminAsync();
        var response = await admin.Client.PostJsonAsync("/api/admin/mailboxes", OutreachApi.MailboxRequest());
        return await response.JsonAsync(HttpStatusCode.Created);
    }
}
