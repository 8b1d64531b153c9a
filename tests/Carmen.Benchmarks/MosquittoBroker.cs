using System.Diagnostics;
using System.Net.Sockets;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>Debian's mosquitto on a free loopback port with a private configuration; stopped when disposed.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<MosquittoBroker> StartAsync()
    {
        int port = FreePorts.Next();
        string directory = Path.Combine(Path.GetTempPath(), "carmen-bench-mosquitto", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000000\nmax_inflight_messages 1000\npersistence false\nlog_dest none\n");
        // No log (log_dest none) and no redirected output: a pipe nobody reads fills up and stalls the broker.
        var start = new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { UseShellExecute = false };
        var broker = new MosquittoBroker(Process.Start(start)!, directory, port);
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return broker;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await broker.DisposeAsync();
        throw new InvalidOperationException("mosquitto did not start listening.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
