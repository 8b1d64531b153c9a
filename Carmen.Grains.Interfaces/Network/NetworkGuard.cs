using System.Net;
using System.Net.Sockets;

namespace Carmen.Grains.Interfaces.Network;

/// <summary>
/// Which addresses Carmen's outbound connections to places administrators name (webhooks, mail servers, identity
/// providers) may reach: public ones, plus the networks an operator allows explicitly. Loopback,
/// private, link-local, shared, documentation, benchmarking, multicast and reserved ranges are refused, and so are the
/// IPv6 forms that carry an IPv4 address inside them (mapped, IPv4-compatible, NAT64, 6to4, Teredo), so no spelling of
/// an internal address gets through. Checked on the address actually connected to, so DNS cannot steer around it.
/// <paramref name="exceptions"/> names the setting that allows exceptions, for the refusal to point at.
/// </summary>
public sealed class NetworkGuard(IReadOnlyList<IPNetwork> allowed, string exceptions = "Carmen:Notifications:AllowedNetworks")
{
    private static readonly string[] s_refusedRanges =
    [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
        "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16",
        "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ];

    private static readonly IPNetwork[] s_refused = [.. s_refusedRanges.Select(range => IPNetwork.Parse(range))];

    /// <summary>A guard that refuses every non-public address, with no exceptions.</summary>
    public static NetworkGuard Strict { get; } = new([]);

    /// <summary>Whether <paramref name="address"/> is in a refused range and not in an allowed network.</summary>
    public bool IsRefused(IPAddress address)
    {
        if (allowed.Any(network => network.Contains(address)) || (address.IsIPv4MappedToIPv6 && allowed.Any(network => network.Contains(address.MapToIPv4()))))
        {
            return false;
        }

        return s_refused.Any(network => network.Contains(address));
    }

    /// <summary>The first address of <paramref name="host"/> that may be reached; refused, saying only that, when none may.</summary>
    public async Task<IPAddress> ReachableAddressAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

        // Which internal address a name resolved to is itself internal information: the refusal does not say.
        return addresses.FirstOrDefault(address => !IsRefused(address))
            ?? throw new HttpRequestException($"{host} is a private address, which Carmen may not reach ({exceptions} allows exceptions).");
    }

    /// <summary>A connect callback for SocketsHttpHandler that connects only to an address that may be reached.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        IPAddress address = await ReachableAddressAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
