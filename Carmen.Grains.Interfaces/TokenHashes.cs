using System.Security.Cryptography;
using System.Text;

namespace Carmen.Grains.Interfaces;

/// <summary>
/// How a bearer secret (a device access token, a DDI gateway token) is kept and compared: SHA-256, lower-case hex.
/// Here, beside the grain contracts, because callers on both sides of them hash and must agree.
/// </summary>
public static class TokenHashes
{
    /// <summary>The hash a token is stored and looked up under.</summary>
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
