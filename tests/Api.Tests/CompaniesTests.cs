using System.Net;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class CompaniesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Post_creates_a_company_with_201_and_get_reads_it()
    {
        var user = await api.NewUserAsync();
        var domain = Catalog.NewDomain();

        var response = await user.Client.PostJsonAsync("/api/companies",
            new { name = "Acme", domain = "www." + domain.ToUpperInvariant(), size = "51-200", industry = "Robotics", website = "https://acme.example" });
        var company = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/companies/{company.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal("Acme", company.Str("name"));
        Assert.Equal(domain, company.Str("domainNormalized"));
        Assert.Equal("51-200", company.Str("size"));
        Assert.Equal("Robotics", company.Str("industry"));
        var read = await (await user.Client.GetAsync($"/api/companies/{company.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(company.Id(), read.Id());
        Assert.Equal("https://acme.example", read.Str("website"));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("WWW.{0}")]
    [InlineData("  www.{0}  ")]
    public async Task The_same_normalized_domain_answers_200_with_the_existing_company(string variant)
    {
        var user = await api.NewUserAsync();
        var domain = Catalog.NewDomain();
        var first = await user.Client.NewCompanyAsync("Acme", domain);

        var again = await user.Client.PostJsonAsync("/api/companies", new { name = "Acme Inc.", domain = string.Format(variant, domain.ToUpperInvariant()) });

        var existing = await again.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Id(), existing.Id());
        Assert.Equal("Acme", existing.Str("name"));
    }

    [Theory]
    [InlineData("", "acme.com", "name")]
    [InlineData("Acme", "", "domain")]
    [InlineData("Acme", "https://acme.com/jobs", "domain")]
    [InlineData("Acme", "acme", "domain")]
    [InlineData("Acme", "ac me.com", "domain")]
    public async Task Invalid_fields_are_400_naming_the_field(string name, string domain, string field)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostJsonAsync("/api/companies", new { name, domain });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_unknown_company_is_404()
    {
        var user = await api.NewUserAsync();

        await (await user.Client.GetAsync("/api/companies/999999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Query_lists_companies_by_name_prefix_in_pages()
    {
        var user = await api.NewUserAsync();
        var prefix = "Zq" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 1; i <= 5; i++)
        {
            await user.Client.NewCompanyAsync($"{prefix} {i}");
        }

        await user.Client.NewCompanyAsync("Other " + prefix);

        var first = await (await user.Client.GetAsync($"/api/companies?query={prefix.ToLowerInvariant()}&page=1&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var last = await (await user.Client.GetAsync($"/api/companies?query={prefix}&page=3&pageSize=2")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal([$"{prefix} 1", $"{prefix} 2"], first.Items().Select(c => c.Str("name")).ToArray());
        Assert.Equal([$"{prefix} 5"], last.Items().Select(c => c.Str("name")).ToArray());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task Out_of_range_paging_is_400(string paging, string field)
    {
        var user = await api.NewUserAsync();

        await (await user.Client.GetAsync($"/api/companies?{paging}")).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_page_that_is_not_a_number_is_400()
    {
        var user = await api.NewUserAsync();

        await (await user.Client.GetAsync("/api/companies?page=abc")).ProblemAsync(HttpStatusCode.BadRequest, "page");
    }

    [Fact]
    public async Task PageSize_200_is_allowed()
    {
        var user = await api.NewUserAsync();

        var page = await (await user.Client.GetAsync("/api/companies?pageSize=200")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(200, page.GetProperty("pageSize").GetInt32());
    }
}
