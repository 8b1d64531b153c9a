using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Carmen.Silo.Secrets;

/// <summary>The other half of <see cref="AesGcmXmlEncryptor"/>; the key ring creates it by type, with the services.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public const string ElementName = "carmenEncryptedSecret";

    /// <summary>Names what the ciphertext is, so it is not taken for anything else encrypted with the same key.</summary>
    internal static readonly byte[] s_associatedData = Encoding.UTF8.GetBytes("carmen:data-protection-key:v1");

    public XElement Decrypt(XElement encryptedElement)
    {
        KeyEncryptionKey kek = services.GetRequiredService<KeyEncryptionKey>();
        byte[] nonce = Convert.FromBase64String((string?)encryptedElement.Attribute("nonce") ?? "");
        byte[] tag = Convert.FromBase64String((string?)encryptedElement.Attribute("tag") ?? "");
        byte[] ciphertext = Convert.FromBase64String(encryptedElement.Value);
        byte[] plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(kek.Key, tag.Length);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, s_associatedData);
        }
        catch (AuthenticationTagMismatchException mismatch)
        {
            throw new CryptographicException(
                $"A data-protection key does not decrypt with the key encryption key from {kek.Source}: the key ring was encrypted with another one.", mismatch);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
