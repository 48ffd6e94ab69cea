namespace RoleFerry.Web.Api;

/// <summary>A read the page needs failed with a status it cannot show as an answer (not 404): a server error.</summary>
public sealed class ApiFailedException(string request, ApiProblem problem)
    : Exception($"{request} answered {problem.Status}: {problem.Message}")
{
    public ApiProblem Problem { get; } = problem;
}
