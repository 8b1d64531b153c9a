using System.Xml.Linq;
using Carmen.Silo.Storage;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Carmen.Silo.Secrets;

/// <summary>
/// Key files a node wrote before its key ring was encrypted hold their master key in the clear. Each such secret is
/// encrypted in place, in the form the key ring itself writes (an <c>encryptedSecret</c> naming its decryptor), so the
/// keys keep decrypting what they protected.
/// </summary>
internal static class PlaintextKeyFiles
{
    private static readonly XNamespace s_dataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Encrypts the clear secrets of the key files in <paramref name="directory"/>; returns how many files changed.</summary>
    public static int EncryptInPlace(string directory, IXmlEncryptor encryptor)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        int changed = 0;
        foreach (string file in Directory.EnumerateFiles(directory, "*.xml"))
        {
            XElement key = XElement.Load(file);
            List<XElement> clear = [.. key.Descendants().Where(element => (bool?)element.Attribute(s_dataProtection + "requiresEncryption") == true)];
            if (clear.Count == 0)
            {
                continue;
            }

            foreach (XElement secret in clear)
            {
                EncryptedXmlInfo encrypted = encryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(s_dataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                    encrypted.EncryptedElement));
            }

            string replacement = file + ".new";
            OwnerOnlyFiles.SecureFile(replacement);
            key.Save(replacement);
            File.Move(replacement, file, overwrite: true);
            changed++;
        }

        return changed;
    }
}
