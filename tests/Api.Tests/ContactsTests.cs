using System.Net;
using System.Text.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests;

public sealed class ContactsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Post_creates_a_contact_with_201()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync("Acme");
        var email = $"grace{Guid.NewGuid():N}@acme.com";

        var response = await user.Client.PostJsonAsync("/api/contacts", new
        {
            companyId = company.Id(),
            fullName = "Grace Brewster Hopper",
            email,
            title = "VP Engineering",
            source = "manual",
            timezone = "America/New_York",
            emailConfidence = 90,
        });
        var contact = await response.JsonAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/contacts/{contact.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal(company.Id(), contact.GetProperty("companyId").GetInt64());
        Assert.Equal("Acme", contact.Str("companyName"));
        Assert.Equal("Grace Brewster Hopper", contact.Str("fullName"));
        Assert.Equal("Grace", contact.Str("firstName"));
        Assert.Equal("Brewster Hopper", contact.Str("lastName"));
        Assert.Equal(email, contact.Str("email"));
        Assert.Equal("VP Engineering", contact.Str("title"));
        Assert.Equal("manual", contact.Str("source"));
        Assert.Equal("America/New_York", contact.Str("timezone"));
        Assert.Equal(90, contact.GetProperty("emailConfidence").GetInt32());
        Assert.False(contact.GetProperty("optedOut").GetBoolean());
        var read = await (await user.Client.GetAsync($"/api/contacts/{contact.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(email, read.Str("email"));
    }

    [Fact]
    public async Task The_same_email_at_the_same_company_answers_200_with_the_existing_contact()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var other = await user.Client.NewCompanyAsync();
        var email = $"sam{Guid.NewGuid():N}@example.com";
        var first = await (await user.Client.PostJsonAsync("/api/contacts",
            new { companyId = company.Id(), fullName = "Sam", email, source = "manual" })).JsonAsync(HttpStatusCode.Created);

        var again = await user.Client.PostJsonAsync("/api/contacts",
            new { companyId = company.Id(), fullName = "Samuel", email = email.ToUpperInvariant(), source = "apollo" });
        var elsewhere = await user.Client.PostJsonAsync("/api/contacts",
            new { companyId = other.Id(), fullName = "Sam", email, source = "manual" });

        var existing = await again.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Id(), existing.Id());
        Assert.Equal("Sam", existing.Str("fullName"));
        Assert.NotEqual(first.Id(), (await elsewhere.JsonAsync(HttpStatusCode.Created)).Id());
    }

    [Fact]
    public async Task Another_user_adding_the_same_email_gets_their_own_contact()
    {
        var ada = await api.NewUserAsync();
        var bob = await api.NewUserAsync();
        var company = await ada.Client.NewCompanyAsync();
        var body = new { companyId = company.Id(), fullName = "Sam", email = $"sam{Guid.NewGuid():N}@example.com", source = "manual" };

        var mine = await (await ada.Client.PostJsonAsync("/api/contacts", body)).JsonAsync(HttpStatusCode.Created);
        var theirs = await (await bob.Client.PostJsonAsync("/api/contacts", body)).JsonAsync(HttpStatusCode.Created);

        Assert.NotEqual(mine.Id(), theirs.Id());
    }

    [Theory]
    [InlineData("not-an-email", "email")]
    [InlineData("two@@example.com", "email")]
    [InlineData("Sam <sam@example.com>", "email")]
    [InlineData("sam@example", "email")]
    [InlineData("sam @example.com", "email")]
    public async Task An_invalid_email_is_400(string email, string field)
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();

        var response = await user.Client.PostJsonAsync("/api/contacts", new { companyId = company.Id(), fullName = "Sam", email, source = "manual" });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"fullName":"Sam","email":"sam@example.com","source":"manual"}""", "companyId")]
    [InlineData("""{"companyId":1,"email":"sam@example.com","source":"manual"}""", "fullName")]
    [InlineData("""{"companyId":1,"fullName":"Sam","email":"sam@example.com"}""", "source")]
    [InlineData("""{"companyId":1,"fullName":"Sam","email":"sam@example.com","source":"manual","timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"companyId":1,"fullName":"Sam","email":"sam@example.com","source":"manual","emailConfidence":101}""", "emailConfidence")]
    [InlineData("""{"companyId":1,"fullName":"Sam","email":"sam@example.com","source":"manual","emailConfidence":"high"}""", "emailConfidence")]
    public async Task Invalid_contacts_are_400_naming_the_field(string json, string field)
    {
        var user = await api.NewUserAsync();

        await (await user.Client.PostRawAsync("/api/contacts", json)).ProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Blank_optional_fields_are_stored_as_absent()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();

        var response = await user.Client.PostJsonAsync("/api/contacts",
            new { companyId = company.Id(), fullName = "Cher", email = "cher@example.com", source = "manual", title = " ", timezone = "", lastName = "" });

        var contact = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("timezone").ValueKind);
        Assert.Equal("Cher", contact.Str("firstName"));
        Assert.Equal(JsonValueKind.Null, contact.GetProperty("lastName").ValueKind);
    }

    [Fact]
    public async Task A_contact_at_an_unknown_company_is_404()
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostJsonAsync("/api/contacts", new { companyId = 999999999, fullName = "Sam", email = "sam@example.com", source = "manual" });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_users_contact_is_404_and_absent_from_their_list()
    {
        var owner = await api.NewUserAsync();
        var other = await api.NewUserAsync();
        var company = await owner.Client.NewCompanyAsync();
        var contact = await (await owner.Client.PostJsonAsync("/api/contacts",
            new { companyId = company.Id(), fullName = "Sam", email = "sam@example.com", source = "manual" })).JsonAsync(HttpStatusCode.Created);

        await (await other.Client.GetAsync($"/api/contacts/{contact.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        var list = await (await other.Client.GetAsync($"/api/contacts?companyId={company.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Array, list.GetProperty("items").ValueKind);
    }

    [Fact]
    public async Task List_filters_by_company_newest_first_in_pages()
    {
        var user = await api.NewUserAsync();
        var company = await user.Client.NewCompanyAsync();
        var other = await user.Client.NewCompanyAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await (await user.Client.PostJsonAsync("/api/contacts",
                new { companyId = company.Id(), fullName = $"Person {i}", email = $"p{i}@example.com", source = "manual" })).JsonAsync(HttpStatusCode.Created)).Id());
        }

        await (await user.Client.PostJsonAsync("/api/contacts",
            new { companyId = other.Id(), fullName = "Elsewhere", email = "e@example.com", source = "manual" })).JsonAsync(HttpStatusCode.Created);

        var first = await (await user.Client.GetAsync($"/api/contacts?companyId={company.Id()}&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var second = await (await user.Client.GetAsync($"/api/contacts?companyId={company.Id()}&page=2&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        var all = await (await user.Client.GetAsync("/api/contacts")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, first.GetProperty("total").GetInt64());
        Assert.Equal([ids[2], ids[1]], first.Items().Select(c => c.Id()).ToArray());
        Assert.Equal([ids[0]], second.Items().Select(c => c.Id()).ToArray());
        Assert.Equal(4, all.GetProperty("total").GetInt64());
    }
}
