using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Carmen.Silo.Secrets;

/// <summary>
/// Encrypts the secret part of each data-protection key (its master key) with the key encryption key, AES-256-GCM,
/// before the key ring writes it to disk or to the database. A fresh nonce per key; the tag makes a changed or
/// truncated secret fail to decrypt instead of yielding a wrong key.
/// </summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        byte[] plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        byte[] ciphertext = new byte[plaintext.Length];
        byte[] tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(kek.Key, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AesGcmXmlDecryptor.s_associatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(AesGcmXmlDecryptor.ElementName,
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(ciphertext));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}
