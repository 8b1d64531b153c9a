using System.Net;

namespace Carmen.Grains.Interfaces.Security;

/// <summary>Address ranges allowed and denied, as CIDR text ("10.0.0.0/8", "2001:db8::/32"; a bare address is one host).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AddressRules")]
public sealed record AddressRules(
    [property: Id(0)] IReadOnlyList<string> Allow,
    [property: Id(1)] IReadOnlyList<string> Deny)
{
    /// <summary>Most ranges in one list.</summary>
    public const int MaxRanges = 200;

    /// <summary>Everything allowed.</summary>
    public static AddressRules Any { get; } = new([], []);

    /// <summary>Whether <paramref name="address"/> passes: in no denied range, and in an allowed one when any are listed. No address passes only an open policy.</summary>
    public bool Permits(IPAddress? address)
    {
        if (address is null)
        {
            return Allow.Count == 0 && Deny.Count == 0;
        }

        IPAddress normal = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return !Deny.Any(range => Range(range).Contains(normal)) && (Allow.Count == 0 || Allow.Any(range => Range(range).Contains(normal)));
    }

    /// <summary>Parses a range; throws <see cref="FormatException"/> for text that is not one.</summary>
    public static IPNetwork Range(string text)
    {
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.Parse(text);
        }

        IPAddress host = IPAddress.Parse(text);
        return new IPNetwork(host, host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
