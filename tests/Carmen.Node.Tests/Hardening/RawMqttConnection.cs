using System.Net.Sockets;

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
