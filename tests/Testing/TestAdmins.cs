using Npgsql;
using RoleFerry.Grains.Users;

namespace RoleFerry.Testing;

/// <summary>
/// Admin rights for test accounts, written as the operator command writes them (<see cref="UserAccountStore.SetAdminAsync"/>, the
/// one writer of <c>users.is_admin</c>). Grant before the account's first authenticated request: a session grain
/// already active keeps its copy of the row for up to a minute.
/// </summary>
public static class TestAdmins
{
    public static async Task GrantAsync(string connectionString, string email)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        if (!await new UserAccountStore(db).SetAdminAsync(email, isAdmin: true, DateTimeOffset.UtcNow))
        {
            throw new InvalidOperationException($"No account has the email {email}.");
        }
    }
}
