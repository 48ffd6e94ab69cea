namespace RoleFerry.Web.Contacts;

/// <summary>The add and edit forms of a contact (the email is fixed once added: a new address is a new contact).</summary>
public sealed class ContactForm
{
    public long? CompanyId { get; set; }

    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? Title { get; set; }

    public string? Timezone { get; set; }
}
