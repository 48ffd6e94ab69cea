namespace RoleFerry.Web.Settings;

public sealed class DeleteAccountForm
{
    public string? Password { get; set; }
}
