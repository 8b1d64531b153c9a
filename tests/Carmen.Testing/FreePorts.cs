using System.Net;
using System.Net.Sockets;

namespace Carmen.Testing;

/// <summary>Loopback ports nobody listens on right now, for silos and servers the tests start.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
