namespace RoleFerry.Grains.Mailboxes;

/// <summary>
/// A password as it is stored: encrypted with the platform's secret key (base64 of what the grains' SecretProtector
/// wrote). Grain messages carry it in this form only; the silo that opens the SMTP or IMAP connection decrypts it
/// there, so no plaintext password crosses between silos. Compared by value: a changed password is another secret.
/// </summary>
[GenerateSerializer, Immutable, Alias("RoleFerry.SealedSecret")]
public sealed record SealedSecret([property: Id(0)] string Ciphertext)
{
    public static readonly SealedSecret None = new("");

    public bool IsEmpty => Ciphertext.Length == 0;

    public override string ToString() => "(sealed)";
}
