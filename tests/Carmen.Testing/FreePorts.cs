using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Carmen.Testing;

/// <summary>
/// Loopback ports nobody listens on right now, for silos and servers the tests start. They come from below Linux's
/// ephemeral range (32768 and up by default): a port the kernel hands out for port 0 may be handed out again, or taken
/// by an outgoing connection's local end before the process the test starts binds it ("address already in use").
/// A port is given out once per test run.
/// </summary>
public static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly ConcurrentDictionary<int, bool> s_given = new();

    public static int Next()
    {
        for (int attempt = 0; attempt < 1_000; attempt++)
        {
            int port = Random.Shared.Next(First, Last);
            if (!s_given.TryAdd(port, true))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken by something outside the tests; try another
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
