using System.Security.Cryptography;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>
/// An invitation link's token: the tenant id, a dot, and 256 random bits in base64url. Only its hash is stored; the
/// tenant part routes the link to the tenant's invitations without a platform-wide lookup.
/// </summary>
public static class InvitationTokens
{
    /// <summary>A new token for an invitation of <paramref name="tenantId"/>.</summary>
    public static string New(string tenantId) => $"{tenantId}.{System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>The tenant a token names, or null when it is not a token at all.</summary>
    public static string? TenantOf(string? token)
    {
        int dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && token!.Length - dot > 40 && Identifiers.IsValidSlug(token[..dot]) ? token[..dot] : null;
    }
}
