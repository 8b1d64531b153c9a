using System.Diagnostics;

namespace Carmen.Testing;

/// <summary>
/// Debian's rsyslogd on a private loopback port, receiving syslog over TCP and writing each message as rsyslog parsed
/// it (timestamp, host, app, procid, msgid, structured data, message) to a file the test reads. Killed on dispose.
/// </summary>
public sealed class RsyslogServer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/rsyslogd";

    private readonly Process _process;
    private readonly string _directory;

    private RsyslogServer(Process process, string directory, int port)
    {
        (_process, _directory, Port) = (process, directory, port);
    }

    public int Port { get; }

    public static bool Installed => File.Exists(Binary);

    private string Received => Path.Combine(_directory, "received.log");

    /// <summary>Starts rsyslogd on <paramref name="port"/> (a free one unless given) and waits until it listens.</summary>
    public static async Task<RsyslogServer> StartAsync(int? port = null)
    {
        int listen = port ?? FreePorts.Next();
        string directory = Path.Combine(Path.GetTempPath(), "carmen-rsyslog", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string config = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(config, $$"""
            global(workDirectory="{{directory}}")
            module(load="imtcp")
            template(name="parsed" type="string" string="%timereported:::date-rfc3339%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\n")
            input(type="imtcp" port="{{listen}}" address="127.0.0.1")
            action(type="omfile" file="{{Path.Combine(directory, "received.log")}}" template="parsed")
            """);
        var start = new ProcessStartInfo(Binary, ["-n", "-f", config, "-i", Path.Combine(directory, "rsyslogd.pid")])
        {
            UseShellExecute = false,
        };
        var server = new RsyslogServer(Process.Start(start)!, directory, listen);
        bool listening = await LoopbackListener.AcceptsWithinAsync(listen, TimeSpan.FromSeconds(10));
        if (listening)
        {
            return server;
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("rsyslogd did not start listening.");
    }

    /// <summary>The messages received so far, one per line as rsyslog parsed them, fields separated by '|'.</summary>
    public async Task<string[]> MessagesAsync() => File.Exists(Received) ? await File.ReadAllLinesAsync(Received) : [];

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
