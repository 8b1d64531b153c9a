using System.Net.Sockets;

namespace Carmen.Testing;

/// <summary>Waits for a server a test started to accept TCP connections on its loopback port.</summary>
public static class LoopbackListener
{
    public static Task<bool> AcceptsWithinAsync(int port, TimeSpan patience) =>
        Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, patience);
}
