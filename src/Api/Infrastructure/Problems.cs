using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RoleFerry.Api.Infrastructure;

/// <summary>RFC 7807 results with the titles the API uses everywhere.</summary>
public static class Problems
{
    public static ValidationProblem Validation(ValidationErrors errors, string detail = "The request has invalid fields; see errors.") =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: detail, title: "One or more validation errors occurred.");

    public static ValidationProblem Validation(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            title: "One or more validation errors occurred.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Locked(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status423Locked, title: "Account locked");

    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
}
