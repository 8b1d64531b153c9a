using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>
/// A license file: the terms as UTF-8 JSON in base64 (<c>payload</c>), and the Ed25519 signature over those exact
/// bytes in base64, by the key <c>keyId</c>. docs/licenses.md verifies one with openssl.
/// </summary>
public sealed record LicenseDocumentContract(string? Format, string? KeyId, string? Payload, string? Signature)
{
    public const string CurrentFormat = "carmen-license/1";

    public static LicenseDocumentContract From(SignedLicense document) =>
        new(CurrentFormat, document.KeyId, Convert.ToBase64String(document.Payload), Convert.ToBase64String(document.Signature));

    public SignedLicense ToSignedLicense()
    {
        if (Format is not null && Format != CurrentFormat)
        {
            throw CarmenException.Invalid("format", $"This platform reads license format '{CurrentFormat}', not '{Format}'.");
        }

        string keyId = string.IsNullOrWhiteSpace(KeyId) ? throw CarmenException.Invalid("keyId", "Name the key that signed the license.") : KeyId;
        return new SignedLicense(keyId, Base64(Payload, "payload"), Base64(Signature, "signature"));
    }

    private static byte[] Base64(string? text, string field)
    {
        try
        {
            return string.IsNullOrEmpty(text) ? throw CarmenException.Invalid(field, $"The document has no {field}.") : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw CarmenException.Invalid(field, $"The {field} is not base64.");
        }
    }
}
