using System.Diagnostics;
using System.Text;

namespace Carmen.Testing;

/// <summary>
/// A single Carmen node as a real operating-system process (the built Carmen.Silo.dll), on private loopback ports and
/// a given data directory. Killed when disposed, also when the test fails.
/// </summary>
public sealed class CarmenProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private CarmenProcess(Process process, int httpPort, int mqttPort, int metricsPort)
    {
        _process = process;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        Metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int HttpPort { get; }

    /// <summary>The silo's MQTT listener (unused by an API process).</summary>
    public int MqttPort { get; }

    public HttpClient Http { get; }

    /// <summary>The node's metrics listener (Prometheus text at /metrics), apart from the API's port.</summary>
    public HttpClient Metrics { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The key encryption key every silo of a test cluster shares (32 bytes in base64).</summary>
    public const string TestKeyEncryptionKey = "Y2FybWVuLXRlc3Qta2V5LWVuY3J5cHRpb24ta2V5ISE=";

    /// <summary>What every process of a PostgreSQL cluster needs: the store, its connection, the first administrator's password and the key encryption key.</summary>
    public static Dictionary<string, string> ClusterEnvironment(string connectionString, string adminPassword) => new()
    {
        ["Carmen__Storage"] = "Postgres",
        ["ConnectionStrings__Carmen"] = connectionString,
        ["CARMEN_ADMIN_PASSWORD"] = adminPassword,
        ["Carmen__DataProtection__KeyEncryptionKey"] = TestKeyEncryptionKey,
    };

    /// <summary>Starts a silo (or, with <paramref name="application"/> "Carmen.Api", an API process) and waits until /health/ready answers 200.</summary>
    public static async Task<CarmenProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, string application = "Carmen.Silo")
    {
        string assembly = Path.Combine(AppContext.BaseDirectory, application + ".dll");
        int httpPort = FreePorts.Next();
        int mqttPort = FreePorts.Next();
        int metricsPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Carmen__DataDirectory"] = dataDirectory;
        start.Environment["Carmen__Http__Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Carmen__Mqtt__Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Carmen__Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment.Remove("CARMEN_ADMIN_PASSWORD");
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var node = new CarmenProcess(Process.Start(start)!, httpPort, mqttPort, metricsPort);
        node._process.OutputDataReceived += (_, line) => node.Append(line.Data);
        node._process.ErrorDataReceived += (_, line) => node.Append(line.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut of the process.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGSTOP: the process keeps its sockets but answers nothing, as a hung silo does. Dispose still kills it.</summary>
    public async Task FreezeAsync()
    {
        using Process stop = Process.Start(new ProcessStartInfo("kill", ["-STOP", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await stop.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        Http.Dispose();
        Metrics.Dispose();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Carmen exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage ready = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Carmen was not ready within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
