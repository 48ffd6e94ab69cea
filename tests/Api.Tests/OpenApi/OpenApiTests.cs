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
