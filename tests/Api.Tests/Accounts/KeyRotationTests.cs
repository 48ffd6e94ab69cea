using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using RoleFerry.Api.Tests.Support;
using RoleFerry.Testing;

namespace RoleFerry.Api.Tests.Accounts;

/// <summary>
/// A rotation of <c>RoleFerry:Security:SecretKey</c>: the token key ring written under the old key names it, so a silo
/// with the new key and the old one among <c>PreviousSecretKeys</c> still reads it (tokens stay valid), and one that
/// dropped the old key cannot.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task After_the_secret_key_is_rotated_tokens_minted_before_stay_valid_while_the_old_key_is_kept()
    {
        var connectionString = await TestDatabase.CreateAsync();
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        TestUser user;
        await using (var before = new ApiFactory(connectionString, new Dictionary<string, string?> { ["RoleFerry:Security:SecretKey"] = oldKey }))
        {
            user = await before.NewUserAsync();
        }

        var keyId = Assert.Single(await Db.ColumnAsync(connectionString, "SELECT (xpath('//encryptedKey/@keyId', xml::xml))[1]::text FROM data_protection_keys"));
        await using var rotated = new ApiFactory(connectionString, new Dictionary<string, string?>
        {
            ["RoleFerry:Security:SecretKey"] = newKey,
            ["RoleFerry:Security:PreviousSecretKeys:0"] = oldKey,
        });
        var afterRotation = await MeAsync(rotated, user.Token);
        await using var dropped = new ApiFactory(connectionString, new Dictionary<string, string?> { ["RoleFerry:Security:SecretKey"] = newKey });
        var afterDrop = await MeAsync(dropped, user.Token);

        Assert.Matches("^[0-9a-f]{8}$", keyId);
        Assert.Equal(HttpStatusCode.OK, afterRotation);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDrop);
    }

    private static async Task<HttpStatusCode> MeAsync(ApiFactory silo, string token)
    {
        var client = silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }
}
