using System.Net.Sockets;
using System.Text;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A bare TCP connection to the MQTT listener, for bytes no well-behaved client would send.</summary>
internal sealed class RawMqttConnection : IDisposable
{
    private readonly TcpClient _client = new();

    public NetworkStream Stream => _client.GetStream();

    public static async Task<RawMqttConnection> OpenAsync(int port)
    {
        var connection = new RawMqttConnection();
        await connection._client.ConnectAsync("127.0.0.1", port);
        return connection;
    }

    /// <summary>An MQTT 3.1.1 CONNECT with this client id, clean-session flag and access token as username.</summary>
    public static byte[] Connect311(string clientId, bool cleanSession, string username)
    {
        byte[] id = Encoding.UTF8.GetBytes(clientId);
        byte[] user = Encoding.UTF8.GetBytes(username);
        byte[] body =
        [
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, (byte)(0x80 | (cleanSession ? 0x02 : 0x00)), 0x00, 0x3C,
            (byte)(id.Length >> 8), (byte)id.Length, .. id,
            (byte)(user.Length >> 8), (byte)user.Length, .. user,
        ];
        return [0x10, (byte)body.Length, .. body];
    }

    public async Task SendAsync(byte[] bytes) => await Stream.WriteAsync(bytes);

    /// <summary>What the server sends until it closes the connection, or null when it is still open after <paramref name="wait"/>.</summary>
    public async Task<byte[]?> ReadUntilClosedAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var received = new List<byte>();
        byte[] buffer = new byte[256];
        try
        {
            while (true)
            {
                int read = await Stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return [.. received];
                }

                received.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            return [.. received]; // reset by the server: closed all the same
        }
    }

    public void Dispose() => _client.Dispose();
}
