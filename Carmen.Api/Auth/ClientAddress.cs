using System.Net;

namespace Carmen.Api.Auth;

/// <summary>A client's IP address as throttles and limits count it.</summary>
public static class ClientAddress
{
    /// <summary>An IPv4 client reaching a dual-stack socket shows as ::ffff:a.b.c.d; it is the same client as a.b.c.d.</summary>
    public static IPAddress? Normal(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
