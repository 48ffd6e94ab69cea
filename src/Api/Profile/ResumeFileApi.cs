using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;
using RoleFerry.Api.Infrastructure;
using RoleFerry.Api.Profile.Parsing;

namespace RoleFerry.Api.Profile;

/// <summary>
/// <c>/api/me/resume/file</c>: upload a PDF or DOCX resume (multipart field <c>file</c>, at most 5 MiB), which is
/// parsed into the caller's resume at once, and download the original back.
/// </summary>
public static partial class ResumeFileApi
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The body may hold the multipart framing around a file of <see cref="MaxFileBytes"/>.</summary>
    public const int MaxBodyBytes = MaxFileBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapResumeFileApi(this IEndpointRouteBuilder endpoints)
    {
        var file = endpoints.MapGroup("/api/me/resume/file").WithTags("Profile").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        RequestSizeLimit.Apply(
            file.MapPost("", UploadAsync)
                .WithName("UploadResumeFile")
                .WithSummary("Uploads a PDF or DOCX resume (multipart field file, at most 5 MiB) and makes its parse your resume.")
                .WithDescription("Body: multipart/form-data with the file in the field \"file\" (PDF or DOCX). 415 for another type, 413 above 5 MiB, 422 when its text cannot be read (encrypted, no text layer, damaged).")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .DisableAntiforgery(),
            MaxBodyBytes);
        file.MapGet("", DownloadAsync)
            .WithName("GetResumeFile")
            .WithSummary("The original bytes of your uploaded resume file.")
            .Produces(StatusCodes.Status200OK, contentType: ResumeFileTypes.PdfContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Created<ResumeFileResponse>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, ClaimsPrincipal principal, NpgsqlDataSource db, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(
                detail: "Send the resume as multipart/form-data with the file in the field \"file\".",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        IFormFile? upload;
        try
        {
            upload = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (InvalidDataException e)
        {
            return Problems.Validation("file", $"The multipart body could not be read: {e.Message}");
        }

        if (upload is null || upload.Length == 0)
        {
            return Problems.Validation("file", "file is required: a PDF or DOCX of at most 5 MiB.");
        }

        if (upload.Length > MaxFileBytes)
        {
            return TypedResults.Problem(
                detail: $"The file is {upload.Length} bytes; a resume file must be at most {MaxFileBytes} bytes (5 MiB).",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "File too large");
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        var fileName = FileName(upload.FileName);
        ParsedResume parsed;
        string contentType;
        try
        {
            var type = ResumeFileTypes.Detect(content, fileName, upload.ContentType);
            (contentType, var lines) = type switch
            {
                ResumeFileType.Pdf => (ResumeFileTypes.PdfContentType, PdfResumeReader.Read(content)),
                ResumeFileType.Docx => (ResumeFileTypes.DocxContentType, DocxResumeReader.Read(content)),
                ResumeFileType.Damaged => throw new UnreadableResumeException(
                    "The file is named or typed as a PDF or DOCX but is not a readable one (damaged or truncated); export it again and upload the new file."),
                _ => (null!, null!),
            };
            if (lines is null)
            {
                return TypedResults.Problem(
                    detail: "Upload the resume as a PDF or a DOCX (Word) file.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported media type");
            }

            parsed = ResumeParser.Parse(lines);
        }
        catch (UnreadableResumeException e)
        {
            LogUnreadable(logs.CreateLogger(typeof(ResumeFileApi)), fileName, e.Message, e.InnerException?.GetType().Name);
            return TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable resume");
        }

        var userId = principal.GetUserId();
        var stored = new UploadedResume(fileName, contentType, content, parsed.ParsingStatus);
        var (id, uploadedAt) = await Resumes.SaveUploadAsync(db, userId, stored, Content(parsed), clock.GetUtcNow(), ct);
        var resume = (await Resumes.ReadAsync(db, userId, ct))!;
        return TypedResults.Created(
            "/api/me/resume/file",
            new ResumeFileResponse(id, fileName, contentType, content.Length, uploadedAt, parsed.ParsingStatus, resume));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        ClaimsPrincipal principal, NpgsqlDataSource db, CancellationToken ct) =>
        await Resumes.ReadFileAsync(db, principal.GetUserId(), ct) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : Problems.NotFound("No resume file yet; upload one to POST /api/me/resume/file.");

    /// <summary>The parse as the resume is stored: metrics and accomplishments as strings.</summary>
    private static ResumeContent Content(ParsedResume parsed) => new(
        parsed.Roles.Select(r => new ResumeRole(r.Title, r.Company, r.Tenure, r.Bullets)).ToArray(),
        parsed.KeyMetrics.Select(m => JsonSerializer.SerializeToElement(m)).ToArray(),
        parsed.Accomplishments.Select(a => JsonSerializer.SerializeToElement(a)).ToArray(),
        parsed.Skills,
        parsed.Education.Select(e => new ResumeEducation(e.School, e.Degree, e.Year)).ToArray(),
        parsed.RawText);

    /// <summary>The name without folders or control characters, at most 200 characters.</summary>
    private static string FileName(string? name)
    {
        var clean = new string(Path.GetFileName(name ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "resume" : clean.Length > 200 ? clean[..200] : clean;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resume file {FileName} refused as unreadable: {Reason} ({Cause})")]
    private static partial void LogUnreadable(ILogger logger, string fileName, string reason, string? cause);
}
