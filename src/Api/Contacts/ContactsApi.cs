using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Orleans;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Grains.Interfaces.Sequences;

namespace RoleFerry.Api.Contacts;

/// <summary><c>/api/contacts</c>: the caller's contacts (every query is scoped to <c>user_id = $me</c>).</summary>
public static class ContactsApi
{
    private const string SelectFrom =
        """
        SELECT p.id, p.company_id, c.name AS company_name, p.full_name, p.first_name, p.last_name, p.email, p.title,
               p.source, p.timezone, p.email_confidence, p.linkedin_url, p.opted_out, p.created_at
        FROM contacts p JOIN companies c ON c.id = p.company_id
        """;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder endpoints)
    {
        var contacts = endpoints.MapGroup("/api/contacts").WithTags("Contacts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        contacts.MapPost("", CreateAsync)
            .WithName("CreateContact")
            .WithSummary("201 with a new contact, or 200 with yours that has the same email at the same company.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        contacts.MapGet("/{id:long}", GetAsync).WithName("GetContact").WithSummary("One of your contacts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        contacts.MapGet("", ListAsync).WithName("ListContacts").WithSummary("Your contacts, optionally at one company.")
            .ProducesValidationProblem();
        contacts.MapPatch("/{id:long}", UpdateAsync)
            .WithName("UpdateContact")
            .WithSummary("Corrects a contact's names, title or timezone; the email is fixed (a new address is a new contact).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        contacts.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteContact")
            .WithSummary("Cancels the contact's sequences, then deletes the contact with its emails and their events.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Created<ContactResponse>, Ok<ContactResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateContactRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        var (first, last) = request.Names();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            long id;
            bool created;
            await using (var command = db.Command(
                """
                WITH inserted AS (
                    INSERT INTO contacts (user_id, company_id, full_name, first_name, last_name, email, title, source, timezone,
                                          email_confidence, linkedin_url, created_at, updated_at)
                    SELECT $1, $2, $3, $4::text, $5::text, $6, $7::text, $8, $9::text, $10::smallint, $11::text, $12, $12
                    WHERE EXISTS (SELECT 1 FROM companies WHERE id = $2)
                    ON CONFLICT (user_id, company_id, lower(email)) DO NOTHING
                    RETURNING id
                )
                SELECT id, true AS created FROM inserted
                UNION ALL
                SELECT id, false AS created FROM contacts
                WHERE user_id = $1 AND company_id = $2 AND lower(email) = lower($6) AND NOT EXISTS (SELECT 1 FROM inserted)
                """,
                userId,
                request.CompanyId!.Value,
                request.FullName!.Trim(),
                first,
                last,
                request.Email!.Trim(),
                Text.OrNull(request.Title),
                request.Source!.Trim(),
                Text.OrNull(request.Timezone),
                (short?)request.EmailConfidence,
                Text.OrNull(request.LinkedinUrl),
                clock.GetUtcNow()))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct))
                {
                    if (!await CompanyExistsAsync(db, request.CompanyId.Value, ct))
                    {
                        return Problems.NotFound($"Company {request.CompanyId} does not exist.");
                    }

                    continue;
                }

                id = reader.Get<long>("id");
                created = reader.Get<bool>("created");
            }

            var contact = (await FindAsync(db, id, userId, ct))!;
            return created ? TypedResults.Created($"/api/contacts/{id}", contact) : TypedResults.Ok(contact);
        }

        throw new InvalidOperationException("The contact was neither inserted nor found.");
    }

    internal static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> GetAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await FindAsync(db, id, principal.GetUserId(), ct) is { } contact
            ? TypedResults.Ok(contact)
            : Problems.NotFound($"Contact {id} does not exist.");

    internal static async Task<Results<Ok<PagedResponse<ContactResponse>>, ValidationProblem>> ListAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct, long? companyId = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (companyId is <= 0)
        {
            errors.Add("companyId", "companyId must be a positive id.");
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand(
                """
                SELECT count(*) FROM contacts p WHERE p.user_id = $1 AND ($2::bigint IS NULL OR p.company_id = $2)
                """,
                userId, companyId),
            Sql.BatchCommand(
                $"""
                {SelectFrom}
                WHERE p.user_id = $1 AND ($2::bigint IS NULL OR p.company_id = $2)
                ORDER BY p.created_at DESC, p.id DESC
                LIMIT $3 OFFSET $4
                """,
                userId, companyId, paging.PageSize, paging.Offset),
            Read,
            ct));
    }

    internal static async Task<Results<Ok<ContactResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateContactRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!string.IsNullOrEmpty(request.Timezone))
        {
            await TimeZoneRules.ValidateAsync(db, request.Timezone, "timezone", errors, ct);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var userId = principal.GetUserId();
        // "" clears an optional field; null (or absent) keeps it.
        await using (var update = db.Command(
            """
            UPDATE contacts SET
                full_name  = coalesce($3::text, full_name),
                first_name = CASE WHEN $4::text IS NULL THEN first_name ELSE nullif(btrim($4::text), '') END,
                last_name  = CASE WHEN $5::text IS NULL THEN last_name ELSE nullif(btrim($5::text), '') END,
                title      = CASE WHEN $6::text IS NULL THEN title ELSE nullif(btrim($6::text), '') END,
                timezone   = CASE WHEN $7::text IS NULL THEN timezone ELSE nullif($7::text, '') END,
                updated_at = $8
            WHERE id = $1 AND user_id = $2
            """,
            id, userId, request.FullName?.Trim(), request.FirstName, request.LastName, request.Title, request.Timezone, clock.GetUtcNow()))
        {
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                return Problems.NotFound($"Contact {id} does not exist.");
            }
        }

        return TypedResults.Ok((await FindAsync(db, id, userId, ct))!);
    }

    /// <summary>
    /// Cancels the contact's live sequences through their grains (each stops its steps and drops its wake-up), then
    /// deletes the contact; its sequences and emails go with it (foreign keys), the events of those emails too.
    /// Suppression entries of its address stay: it is still never emailed again.
    /// </summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, ClaimsPrincipal principal, NpgsqlDataSource db, IGrainFactory grains, CancellationToken ct)
    {
        var userId = principal.GetUserId();
        var sequences = new List<long>();
        await using (var live = db.Command(
            $"""
            SELECT c.id AS contact_id, si.id AS sequence_id
            FROM contacts c
            LEFT JOIN sequence_instances si ON si.contact_id = c.id
                 AND si.status IN {SequenceStatuses.LiveSql}
            WHERE c.id = $1 AND c.user_id = $2
            ORDER BY si.id
            """,
            id, userId))
        await using (var reader = await live.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return Problems.NotFound($"Contact {id} does not exist.");
            }

            do
            {
                if (reader.GetOrNull<long>("sequence_id") is long sequenceId)
                {
                    sequences.Add(sequenceId);
                }
            }
            while (await reader.ReadAsync(ct));
        }

        foreach (var sequenceId in sequences)
        {
            await grains.GetGrain<ISequenceGrain>(sequenceId).StopAsync(SequenceStatuses.Canceled, "the contact was deleted");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Sql.BatchCommand(
            """
            DELETE FROM outreach_events e USING outreach o, contacts c
            WHERE e.outreach_id = o.id AND o.contact_id = c.id AND c.id = $1 AND c.user_id = $2
            """,
            id, userId));
        batch.BatchCommands.Add(Sql.BatchCommand("DELETE FROM contacts WHERE id = $1 AND user_id = $2", id, userId));
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ContactResponse?> FindAsync(NpgsqlDataSource db, long id, long userId, CancellationToken ct)
    {
        await using var command = db.Command(
            $"""
            {SelectFrom}
            WHERE p.id = $1 AND p.user_id = $2
            """,
            id, userId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static async Task<bool> CompanyExistsAsync(NpgsqlDataSource db, long companyId, CancellationToken ct)
    {
        await using var command = db.Command("SELECT EXISTS (SELECT 1 FROM companies WHERE id = $1)", companyId);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private static ContactResponse Read(DbDataReader reader) => new(
        reader.Get<long>("id"),
        reader.Get<long>("company_id"),
        reader.Get<string>("company_name"),
        reader.Get<string>("full_name"),
        reader.GetStringOrNull("first_name"),
        reader.GetStringOrNull("last_name"),
        reader.Get<string>("email"),
        reader.GetStringOrNull("title"),
        reader.Get<string>("source"),
        reader.GetStringOrNull("timezone"),
        reader.GetOrNull<short>("email_confidence"),
        reader.GetStringOrNull("linkedin_url"),
        reader.Get<bool>("opted_out"),
        reader.Get<DateTimeOffset>("created_at"));
}
