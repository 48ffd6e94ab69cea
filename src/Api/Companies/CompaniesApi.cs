using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using RoleFerry.Api.Infrastructure;

namespace RoleFerry.Api.Companies;

/// <summary><c>/api/companies</c>: the shared catalogue, one company per normalized domain.</summary>
public static class CompaniesApi
{
    private const string Columns = "id, name, domain, domain_normalized, size, industry, website, linkedin_url, created_at";

    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder endpoints)
    {
        var companies = endpoints.MapGroup("/api/companies").WithTags("Companies").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        companies.MapPost("", CreateAsync)
            .WithName("CreateCompany")
            .WithSummary("201 with a new company, or 200 with the one already known for the same normalized domain.")
            .ProducesValidationProblem();
        companies.MapGet("/{id:long}", GetAsync).WithName("GetCompany").WithSummary("One company of the shared catalogue.").ProducesProblem(StatusCodes.Status404NotFound);
        companies.MapGet("", ListAsync)
            .WithName("ListCompanies")
            .WithSummary("Companies whose name or domain starts with the query, by name.")
            .ProducesValidationProblem();
        return endpoints;
    }

    internal static async Task<Results<Created<CompanyResponse>, Ok<CompanyResponse>, ValidationProblem>> CreateAsync(
        CreateCompanyRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        // Insert, or read the row that holds the domain. A row committed by a concurrent insert after this
        // statement's snapshot is invisible to it; the next attempt (a new snapshot) reads it.
        for (var attempt = 1; ; attempt++)
        {
            await using var command = db.Command(
                $"""
                WITH inserted AS (
                    INSERT INTO companies (name, domain, size, industry, website, linkedin_url, created_by_user_id, created_at, updated_at)
                    VALUES ($1, $2, $3::text, $4::text, $5::text, $6::text, $7, $8, $8)
                    ON CONFLICT (domain_normalized) DO NOTHING
                    RETURNING {Columns}
                )
                SELECT {Columns}, true AS created FROM inserted
                UNION ALL
                SELECT {Columns}, false AS created FROM companies
                WHERE domain_normalized = regexp_replace(lower(btrim($2)), '^www\.', '') AND NOT EXISTS (SELECT 1 FROM inserted)
                """,
                request.Name!.Trim(),
                request.Domain!.Trim(),
                Text.OrNull(request.Size),
                Text.OrNull(request.Industry),
                Text.OrNull(request.Website),
                Text.OrNull(request.LinkedinUrl),
                principal.GetUserId(),
                clock.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var company = Read(reader);
                return reader.Get<bool>("created")
                    ? TypedResults.Created($"/api/companies/{company.Id}", company)
                    : TypedResults.Ok(company);
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"Company domain {request.Domain} neither inserted nor found.");
            }
        }
    }

    internal static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> GetAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.Command(
            $"""
            SELECT {Columns} FROM companies WHERE id = $1
            """,
            id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? TypedResults.Ok(Read(reader)) : Problems.NotFound($"Company {id} does not exist.");
    }

    internal static async Task<Results<Ok<PagedResponse<CompanyResponse>>, ValidationProblem>> ListAsync(
        NpgsqlDataSource db, CancellationToken ct, string? query = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (query is not null)
        {
            errors.MaxLength(query, "query", ValidationErrors.MaxTextLength);
        }

        var paging = PageRequest.From(page, pageSize, errors);
        if (paging is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var prefix = string.IsNullOrWhiteSpace(query) ? null : Sql.EscapeLike(query.Trim().ToLowerInvariant()) + "%";
        const string Filter = "($1::text IS NULL OR lower(name) LIKE $1 OR domain_normalized LIKE $1)";
        return TypedResults.Ok(await PageQuery.ReadAsync(
            db,
            paging,
            Sql.BatchCommand($"SELECT count(*) FROM companies WHERE {Filter}", prefix),
            Sql.BatchCommand(
                $"""
                SELECT {Columns} FROM companies WHERE {Filter}
                ORDER BY lower(name), id LIMIT $2 OFFSET $3
                """,
                prefix, paging.PageSize, paging.Offset),
            Read,
            ct));
    }

    internal static CompanyResponse Read(DbDataReader reader) => new(
        reader.Get<long>("id"),
        reader.Get<string>("name"),
        reader.Get<string>("domain"),
        reader.Get<string>("domain_normalized"),
        reader.GetStringOrNull("size"),
        reader.GetStringOrNull("industry"),
        reader.GetStringOrNull("website"),
        reader.GetStringOrNull("linkedin_url"),
        reader.Get<DateTimeOffset>("created_at"));
}
