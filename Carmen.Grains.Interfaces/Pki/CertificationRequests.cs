using System.Security.Cryptography;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>A PKCS#10 CSR as devices send it, PEM (or bare base64 DER), read into the DER the CAs take.</summary>
public static class CertificationRequests
{
    /// <summary>The DER of the CSR in <paramref name="text"/>; a validation error on <paramref name="field"/> for anything else.</summary>
    public static byte[] FromText(string? text, string field = "csr")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw CarmenException.Invalid(field, "A PKCS#10 certificate request (PEM) is required.");
        }

        try
        {
            return PemEncoding.TryFind(text, out PemFields fields)
                ? text[fields.Label] is "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST"
                    ? Convert.FromBase64String(text[fields.Base64Data])
                    : throw CarmenException.Invalid(field, $"The PEM is a \"{text[fields.Label]}\", not a CERTIFICATE REQUEST.")
                : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw CarmenException.Invalid(field, "The CSR is neither PEM nor base64.");
        }
    }
}
