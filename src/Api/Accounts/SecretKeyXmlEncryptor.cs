using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace RoleFerry.Api.Accounts;

/// <summary>Encrypts Data Protection keys before they reach <c>data_protection_keys</c> (see <see cref="KeyRingSecret"/>).</summary>
public sealed class SecretKeyXmlEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    public const string KeyIdAttribute = "keyId";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var encrypted = new XElement(
            "encryptedKey",
            new XAttribute(KeyIdAttribute, secret.CurrentKeyId),
            new XComment(" Encrypted with a key derived from RoleFerry:Security:SecretKey (the key of id keyId). "),
            new XElement("value", secret.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting))));
        return new EncryptedXmlInfo(encrypted, typeof(SecretKeyXmlDecryptor));
    }
}
