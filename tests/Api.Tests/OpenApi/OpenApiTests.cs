using System.Net;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.OpenApi;

public sealed class OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_every_route_with_the_bearer_scheme()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var (method, path) in Routes.Anonymous.Concat(Routes.Authenticated))
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is missing");
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.Equal(Routes.Authenticated.Contains((method, path)), secured);
        }

        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").Str("type"));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").Str("scheme"));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_an_operation_id_a_security_declaration_and_its_errors()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                count++;
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var s) ? s.GetString() : null), $"{name} has no summary");
                Assert.True(operation.Value.TryGetProperty("operationId", out var id), $"{name} has no operationId");
                Assert.True(operationIds.Add(id.GetString()!), $"{name}: operationId {id} is used twice");
                Assert.True(operation.Value.TryGetProperty("security", out var security), $"{name} declares no security (public ones: [])");
                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
                if (security.GetArrayLength() > 0)
                {
                    Assert.True(responses.Contains("401"), $"{name} does not document 401");
                }

                Assert.True(responses.Any(r => r.StartsWith('2') || r.StartsWith('3')), $"{name} documents no success");
            }
        }

        Assert.True(count > 50, $"only {count} operations");
        var anonymous = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("security");
        Assert.Equal(0, anonymous.GetArrayLength());
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_swagger_and_reads_the_openapi_document()
    {
        var client = api.Anonymous();

        var page = await client.GetAsync("/swagger/index.html");
        var config = await client.GetAsync("/swagger/index.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/openapi/v1.json", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
