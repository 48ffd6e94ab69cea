using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

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
        contacts.MapGet("/{id:long}", GetAsync).WithName("GetContact").ProducesProblem(StatusCodes.Status404NotFound);
        contacts.MapGet("", ListAsync).WithName("ListContacts").WithSummary("Your contacts, optionally at one company.")
            .ProducesValidationProblem();
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
