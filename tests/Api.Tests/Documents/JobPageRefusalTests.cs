using System.Net;
using RoleFerry.Api.Jobs.Import;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Documents;

/// <summary>
/// With RoleFerry:Jobs:AllowPrivateFetch off (the default), RoleFerry never fetches a page on a loopback, private or
/// link-local address — named by its address or by a name that resolves to one — and the site never sees a request.
/// </summary>
public sealed class JobPageRefusalTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private LocalSite _site = null!;

    public async Task InitializeAsync() => _site = await LocalSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_url_on_a_private_address_is_refused_without_being_fetched()
    {
        var user = await api.NewUserAsync();
        _site.Serve("/job", PostingSamples.JsonLdPage("Engineer", "Acme", Catalog.NewDomain(), "https://acme.example/job"));

        var byAddress = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = _site.Url("/job").AbsoluteUri }))
            .ProblemAsync(HttpStatusCode.BadRequest, "url");
        var byName = await (await user.Client.PostJsonAsync("/api/jobs/import", new { url = $"http://localhost:{_site.BaseAddress.Port}/job" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "url");

        Assert.Contains("127.0.0.1", byAddress.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("localhost resolves to", byName.Str("detail"), StringComparison.Ordinal);
        Assert.Empty(_site.Hits);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("64:ff9b::5db8:d822", true)]
    public void Only_public_addresses_may_be_fetched(string address, bool isPublic) =>
        Assert.Equal(isPublic, FetchAddresses.IsPublic(IPAddress.Parse(address)));
}
