using System.Net;
using System.Net.Sockets;

namespace Carmen.Grains.Notifications;

/// <summary>Which addresses a notification may be sent to when private ones are not allowed, and the connection that enforces it.</summary>
public static class NetworkGuard
{
    /// <summary>Loopback, private (RFC 1918, unique-local), link-local, unspecified or the carrier-grade NAT block.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        byte[] bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            10 => true,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168,
            169 => bytes[1] == 254,
            100 => bytes[1] is >= 64 and <= 127,
            0 => true,
            _ => false,
        };
    }

    /// <summary>The first public address of <paramref name="host"/>; refused when it has none.</summary>
    public static async Task<IPAddress> PublicAddressAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        return addresses.FirstOrDefault(address => !IsPrivate(address))
            ?? throw new HttpRequestException($"{host} resolves to a private address ({string.Join(", ", addresses.Select(address => address.ToString()))}), which notifications may not reach (Carmen:Notifications:AllowPrivateAddresses).");
    }

    /// <summary>A connect callback for SocketsHttpHandler that connects only to a public address of the host.</summary>
    public static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        IPAddress address = await PublicAddressAsync(context.DnsEndPoint.Host, cancellationToken);
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
