using System.Net;
using System.Text.RegularExpressions;
using RoleFerry.Api.Tests.Support;
using Xunit.Abstractions;

namespace RoleFerry.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document a silo serves is one a client generator can use: Redocly's recommended ruleset
/// (<c>redocly lint</c>, the CLI pinned in tests/openapi) finds no error in it.
/// </summary>
public sealed partial class OpenApiLintTests(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Redocly_lint_with_the_recommended_ruleset_reports_no_error()
    {
        var response = await api.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(Path.GetTempPath(), $"roleferry-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        try
        {
            var (exitCode, text) = await RedoclyCli.LintAsync(file);
            output.WriteLine(text);

            var errors = ErrorCount().Match(text);
            Assert.True(exitCode == 0, $"redocly lint exited with {exitCode}:\n{text}");
            Assert.False(errors.Success && errors.Groups["n"].Value != "0", $"redocly lint found errors:\n{text}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"(?<n>\d+) errors?")]
    private static partial Regex ErrorCount();
}
