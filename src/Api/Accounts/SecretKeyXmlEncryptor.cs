using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RoleFerry.Api.Accounts;

/// <summary>Encrypts Data Protection keys before they reach <c>data_protection_keys</c> (see <see cref="KeyRingSecret"/>).</summary>
public sealed class SecretKeyXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var encrypted = new XElement(
            "encryptedKey",
            new XComment(" Encrypted with a key derived from RoleFerry:Security:SecretKey. "),
            new XElement("value", KeyRingSecret.Encrypt(key, plaintextElement.ToString(SaveOptions.DisableFormatting))));
        return new EncryptedXmlInfo(encrypted, typeof(SecretKeyXmlDecryptor));
    }
}
