using System.Diagnostics;
namespace Carmen.Testing;

/// <summary>Debian's mosquitto (package mosquitto) on a free loopback port with a private configuration and directory; stopped when disposed.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
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

    public static bool Installed => File.Exists("/usr/sbin/mosquitto");

    /// <summary>
    /// Starts a broker. Without <paramref name="configure"/> it takes anyone; otherwise that callback, given the
    /// broker's private directory, writes what it needs there (password and ACL files) and returns the configuration
    /// lines to add, which then decide who gets in.
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync(Func<string, Task<string>>? configure = null)
    {
        int port = FreePorts.Next();
        string directory = Path.Combine(Path.GetTempPath(), "carmen-mosquitto", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string access = configure is null ? "allow_anonymous true\n" : await configure(directory) + "\n";
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\n{access}max_queued_messages 10000000\nmax_inflight_messages 1000\npersistence false\nlog_dest none\n");
        // No log (log_dest none) and no redirected output: a pipe nobody reads fills up and stalls the broker.
        var start = new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { UseShellExecute = false };
        var broker = new MosquittoBroker(Process.Start(start)!, directory, port);
        bool listening = await LoopbackListener.AcceptsWithinAsync(port, TimeSpan.FromSeconds(5));
        if (listening)
        {
            return broker;
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

    /// <summary>Adds a user to a mosquitto password file (created if missing) with Debian's mosquitto_passwd.</summary>
    public static async Task AddUserAsync(string passwordFile, string username, string password)
    {
        string[] arguments = File.Exists(passwordFile) ? ["-b", passwordFile, username, password] : ["-c", "-b", passwordFile, username, password];
        using Process process = Process.Start(new ProcessStartInfo("/usr/bin/mosquitto_passwd", arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed for '{username}': {errors}");
        }
    }
}
