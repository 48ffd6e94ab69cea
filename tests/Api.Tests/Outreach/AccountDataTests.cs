using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Grains.Interfaces.Sequences;
using RoleFerry.Grains.Interfaces.Users;

namespace RoleFerry.Api.Tests.Outreach;

/// <summary>
/// <c>GET /api/me/export</c> holds rows from every table a user owns, and <c>DELETE /api/me</c> leaves no row of the
/// user anywhere but the anonymous survivors (suppression hashes, ledger amounts). "Every table a user owns" is read
/// from the database's foreign keys, so a new table that references a user's rows fails these tests until the
/// export and the erasure know it.
/// </summary>
public sealed class AccountDataTests(OutreachFixture outreach) : IClassFixture<OutreachFixture>
{
    /// <summary>Where each user-owned table's rows are in the export document ("[]" steps into every element of an array).</summary>
    private static readonly Dictionary<string, string> ExportPaths = new(StringComparer.Ordinal)
    {
        ["users"] = "account",
        ["resumes"] = "resume",
        ["resume_files"] = "resumeFiles[]",
        ["resume_versions"] = "resumeVersions[]",
        ["cover_letters"] = "coverLetters[]",
        ["cover_letter_templates"] = "coverLetterTemplates[]",
        ["job_preferences"] = "preferences",
        ["applications"] = "applications[]",
        ["application_status_history"] = "applications[].history[]",
        ["interviews"] = "applications[].interviews[]",
        ["personas"] = "personas[]",
        ["contacts"] = "contacts[]",
        ["contact_sources"] = "contacts[].sources[]",
        ["enrichment_logs"] = "contacts[].enrichmentLogs[]",
        ["notes"] = "notes[]",
        ["sequence_templates"] = "templates[]",
        ["sequence_instances"] = "sequences[]",
        ["outreach"] = "sequences[].steps[]",
        ["outreach_events"] = "sequences[].steps[].events[]",
        ["livepages"] = "livePages[]",
        ["livepage_views"] = "livePages[].views[]",
        ["inbox_messages"] = "inboxMessages[]",
        ["notifications"] = "notifications[]",
        ["notification_reads"] = "notificationReads[]",
        ["credit_ledger"] = "creditLedger[]",
        ["suppression_list"] = "suppressions[]",
        ["user_suppressions"] = "optOuts[]",
        ["audit_events"] = "auditEvents[]",
        ["login_failures"] = "loginFailures[]",
    };

    /// <summary>Tables that reference a user's rows but hold no personal data of theirs, and why.</summary>
    private static readonly Dictionary<string, string> NotTheUsers = new(StringComparer.Ordinal)
    {
        ["companies"] = "the shared catalogue; created_by_user_id is cleared when the user is erased",
        ["jobs"] = "the shared catalogue; created_by_user_id is cleared when the user is erased",
        ["mailbox_reservations"] = "the platform's sending statistics; the sequence and outreach links are cleared on erasure",
    };

    /// <summary>Every table reachable from users through foreign keys, not through a table of <see cref="NotTheUsers"/>.</summary>
    private const string UserOwnedTables =
        """
        WITH RECURSIVE fk AS (
            SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND n.nspname = 'public'
        ), owned (name) AS (
            SELECT 'users'
            UNION
            SELECT fk.child FROM fk JOIN owned ON fk.parent = owned.name
            WHERE NOT fk.child = ANY($1)
        )
        SELECT name FROM owned ORDER BY name
        """;

    [Fact]
    public async Task The_export_is_one_attachment_with_rows_from_every_table_the_user_owns()
    {
        var seed = await AccountSeed.CreateAsync(outreach);
        var owned = await Db.ColumnAsync(outreach.ConnectionString, UserOwnedTables, (object)NotTheUsers.Keys.ToArray());

        var missing = owned.Except(ExportPaths.Keys).ToList();
        Assert.True(missing.Count == 0,
            $"user-owned tables the export does not cover: {string.Join(", ", missing)} — add a section to AccountExport and its path to ExportPaths (or, if it holds nothing of the user's, to NotTheUsers with the reason)");
        Assert.Empty(ExportPaths.Keys.Except(owned));

        var response = await seed.User.Client.GetAsync("/api/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        foreach (var (table, path) in ExportPaths)
        {
            var found = Select(document, path).Where(e => e.ValueKind != JsonValueKind.Null).ToList();
            Assert.True(found.Count > 0, $"the export has no row of {table} at {path}");
        }

        Assert.Equal(seed.User.Email, document.GetProperty("account").Str("email"));
        Assert.Equal(JsonValueKind.Array, document.GetProperty("inboxMessages").ValueKind);
        Assert.Contains(document.GetProperty("applications").EnumerateArray(), a => a.GetProperty("deletedAt").ValueKind != JsonValueKind.Null);
        Assert.Contains(document.GetProperty("sequences").EnumerateArray().SelectMany(s => s.GetProperty("steps").EnumerateArray()),
            step => seed.MessageIds.Contains(step.Str("messageId")));
        Assert.Equal(25, document.GetProperty("creditLedger")[0].GetProperty("delta").GetInt32());

        var stranger = await outreach.NewUserAsync();
        var theirs = await (await stranger.Client.GetAsync("/api/me/export")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(seed.Marker, theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_account_cancels_its_sequences_then_leaves_only_anonymous_survivors()
    {
        var seed = await AccountSeed.CreateAsync(outreach);
        var bystander = await outreach.NewUserAsync();
        var theirJob = await bystander.NewApplicationAsync();
        var db = outreach.ConnectionString;
        var ledger = await Db.ColumnAsync(db, "SELECT id FROM credit_ledger WHERE user_id = $1", seed.User.Id);
        var suppressed = await Db.ColumnAsync(db, "SELECT email FROM suppression_list WHERE user_id = $1", seed.User.Id);
        Assert.NotEmpty(ledger);
        Assert.NotEmpty(suppressed);
        var grainIds = seed.SequenceIds.Select(outreach.GrainIdOf<ISequenceGrain>).Append(outreach.GrainIdOf<IUserGrain>(seed.User.Id)).ToArray();
        Assert.Equal(2L, await Db.CountAsync(db, "SELECT count(*) FROM orleansreminderstable WHERE grainid = ANY($1)", (object)grainIds));

        var wrong = await seed.User.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "not it at all" }) });
        await wrong.ProblemAsync(HttpStatusCode.BadRequest, "password");
        var missing = await seed.User.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { }) });
        await missing.ProblemAsync(HttpStatusCode.BadRequest, "password");
        Assert.Equal(1L, await Db.CountAsync(db, "SELECT count(*) FROM users WHERE id = $1", seed.User.Id));

        var deleted = await seed.User.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = seed.User.Password }) });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await outreach.Anonymous().PostAsJsonAsync("/api/auth/login", new { email = seed.User.Email, password = seed.User.Password }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        await (await seed.User.Client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        // Canceled through its grain: the active sequence's wake-up (and the user's interview reminder) are gone.
        Assert.Equal(0L, await Db.CountAsync(db, "SELECT count(*) FROM orleansreminderstable WHERE grainid = ANY($1)", (object)grainIds));

        // No row anywhere mentions the user's texts or addresses, nor carries their id (CASE: the planner may evaluate
        // WHERE conditions in any order, and only tables of the public schema may be queried).
        var mentions = await Db.ColumnAsync(db,
            """
            SELECT t.table_name || ': ' || x.needle
            FROM information_schema.tables t
            CROSS JOIN unnest($1::text[]) AS x (needle)
            WHERE CASE WHEN t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                       THEN (xpath('/row/c/text()', query_to_xml(
                                format('SELECT count(*) AS c FROM %I r WHERE r::text ILIKE %L', t.table_name, '%' || x.needle || '%'),
                                false, true, '')))[1]::text::int
                       ELSE 0 END > 0
            """,
            (object)new[] { seed.Marker, seed.User.Email }.Concat(seed.ContactEmails).Concat(seed.MessageIds).ToArray());
        Assert.Empty(mentions);
        var byId = await Db.ColumnAsync(db,
            """
            SELECT c.table_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE CASE WHEN c.table_schema = 'public' AND c.column_name = 'user_id' AND t.table_type = 'BASE TABLE'
                       THEN (xpath('/row/c/text()', query_to_xml(
                                format('SELECT count(*) AS c FROM %I WHERE user_id = %s', c.table_name, $1::bigint), false, true, '')))[1]::text::int
                       ELSE 0 END > 0
            """,
            seed.User.Id);
        Assert.Empty(byId);

        // The survivors: ledger amounts without owner or reference, suppression entries as hashes only.
        var survivors = await Db.ColumnAsync(db,
            "SELECT delta || '/' || coalesce(user_id::text, '-') || '/' || coalesce(ref, '-') FROM credit_ledger WHERE id = ANY($1)",
            ledger.Select(long.Parse).ToArray());
        Assert.Equal(["25/-/-"], survivors);
        foreach (var address in suppressed)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)));
            Assert.Equal(1L, await Db.CountAsync(db,
                "SELECT count(*) FROM suppression_list WHERE email_hash = $1 AND email IS NULL AND user_id IS NULL", hash));
            Assert.Equal(1L, await Db.CountAsync(db, "SELECT count(*) FROM suppression_list WHERE email_hash = suppression_hash($1)", address.ToUpperInvariant()));
        }

        Assert.Equal(HttpStatusCode.OK, (await bystander.Client.GetAsync($"/api/applications/{theirJob.ApplicationId}")).StatusCode);
    }

    /// <summary>The elements at <paramref name="path"/>: "a.b" properties, "a[]" every element of array a.</summary>
    private static IEnumerable<JsonElement> Select(JsonElement root, string path)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var part in path.Split('.'))
        {
            var each = part.EndsWith("[]", StringComparison.Ordinal);
            var name = each ? part[..^2] : part;
            current = current.SelectMany(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value)
                ? each && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value]
                : Array.Empty<JsonElement>());
        }

        return current;
    }
}
