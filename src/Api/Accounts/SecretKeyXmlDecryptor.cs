using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RoleFerry.Api.Accounts;

/// <summary>
/// Reads what <see cref="SecretKeyXmlEncryptor"/> wrote, with the key its <c>keyId</c> names; Data Protection creates
/// it by type name from the stored XML (so this type keeps its name and assembly).
/// </summary>
public sealed class SecretKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = KeyRingSecret.From(services.GetRequiredService<IConfiguration>());
        var value = encryptedElement.Element("value")?.Value
            ?? throw new CryptographicException("The encrypted key ring element has no value.");
        return XElement.Parse(secret.Decrypt(value, encryptedElement.Attribute(SecretKeyXmlEncryptor.KeyIdAttribute)?.Value));
    }
}
