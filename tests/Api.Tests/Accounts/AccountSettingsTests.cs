using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RoleFerry.Api.Tests.Support;

namespace RoleFerry.Api.Tests.Accounts;

/// <summary><c>PATCH /api/me</c> and <c>POST /api/me/password</c>.</summary>
public sealed class AccountSettingsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Patch_me_changes_name_mode_and_timezone_and_answers_the_me_shape()
    {
        var user = await api.NewUserAsync();

        var patched = await (await user.Client.PatchJsonAsync("/api/me", new { fullName = "  Grace Hopper ", mode = "recruiter", timezone = "Asia/Tokyo" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(user.Id, patched.Id());
        Assert.Equal(user.Email, patched.Str("email"));
        Assert.Equal("Grace Hopper", patched.Str("fullName"));
        Assert.Equal("recruiter", patched.Str("mode"));
        Assert.Equal("Asia/Tokyo", patched.Str("timezone"));
        Assert.Equal("free", patched.Str("subscriptionTier"));
        Assert.False(patched.GetProperty("isAdmin").GetBoolean());
        var me = await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Asia/Tokyo", me.Str("timezone"));
        Assert.Equal("Grace Hopper", me.Str("fullName"));

        var untouched = await (await user.Client.PatchJsonAsync("/api/me", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Grace Hopper", untouched.Str("fullName"));
        Assert.Equal("recruiter", untouched.Str("mode"));
    }

    [Theory]
    [InlineData("""{"timezone":"Mars/Olympus_Mons"}""", "timezone")]
    [InlineData("""{"timezone":"europe/paris"}""", "timezone")]
    [InlineData("""{"timezone":""}""", "timezone")]
    [InlineData("""{"timezone":"Local"}""", "timezone")]
    [InlineData("""{"mode":"pirate"}""", "mode")]
    [InlineData("""{"fullName":"  "}""", "fullName")]
    [InlineData("""{"timezone":7}""", "timezone")]
    public async Task Patch_me_with_bad_input_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PatchAsync("/api/me", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        var me = await (await user.Client.GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("UTC", me.Str("timezone"));
        Assert.Equal("job_seeker", me.Str("mode"));
        Assert.Equal("Ada Lovelace", me.Str("fullName"));
    }

    [Fact]
    public async Task A_password_change_keeps_this_session_and_revokes_every_other_token()
    {
        var user = await api.NewUserAsync();
        var other = api.Anonymous();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Users.LoginAsync(other, user.Email, user.Password));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/me")).StatusCode);

        var changed = await user.Client.PostJsonAsync("/api/me/password", new { currentPassword = user.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await (await other.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await other.GetAsync("/api/applications")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/me")).StatusCode);
        var anonymous = api.Anonymous();
        await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }))
            .ProblemAsync(HttpStatusCode.Unauthorized);
        var fresh = await Users.LoginAsync(anonymous, user.Email, "a brand new passphrase");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_second_change_from_a_newer_session_revokes_the_first_changer_too()
    {
        var user = await api.NewUserAsync();
        Assert.Equal(HttpStatusCode.NoContent,
            (await user.Client.PostJsonAsync("/api/me/password", new { currentPassword = user.Password, newPassword = "second passphrase!" })).StatusCode);
        var newer = api.Anonymous();
        newer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Users.LoginAsync(newer, user.Email, "second passphrase!"));

        Assert.Equal(HttpStatusCode.NoContent,
            (await newer.PostJsonAsync("/api/me/password", new { currentPassword = "second passphrase!", newPassword = "third passphrase!!" })).StatusCode);

        await (await user.Client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await newer.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("""{"currentPassword":"not the password","newPassword":"a long new passphrase"}""", "currentPassword")]
    [InlineData("""{"newPassword":"a long new passphrase"}""", "currentPassword")]
    [InlineData("""{"currentPassword":"correct horse battery","newPassword":"short"}""", "newPassword")]
    [InlineData("""{"currentPassword":"correct horse battery"}""", "newPassword")]
    public async Task A_bad_password_change_is_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var user = await api.NewUserAsync();

        var response = await user.Client.PostRawAsync("/api/me/password", json);

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/me")).StatusCode);
        Assert.False(string.IsNullOrEmpty(await Users.LoginAsync(api.Anonymous(), user.Email, user.Password)));
    }
}
