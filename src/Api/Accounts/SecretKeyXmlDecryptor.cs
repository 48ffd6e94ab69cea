using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RoleFerry.Api.Accounts;

/// <summary>Reads what <see cref="SecretKeyXmlEncryptor"/> wrote; Data Protection creates it by type name from the stored XML.</summary>
public sealed class SecretKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = KeyRingSecret.From(services.GetRequiredService<IConfiguration>())
            ?? throw new CryptographicException($"{KeyRingSecret.ConfigurationKey} is needed to read the Data Protection key ring.");
        var value = encryptedElement.Element("value")?.Value
            ?? throw new CryptographicException("The encrypted key ring element has no value.");
        return XElement.Parse(KeyRingSecret.Decrypt(key, value));
    }
}
