using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Carmen.Testing;

/// <summary>
/// A script of tests/js run by the machine's Node.js with the npm packages installed there (MQTT.js): a client no one
/// here wrote. It prints one JSON object per line; a test takes the lines it looks for, in any order. Closing its stdin
/// ends it, and dispose kills it if it does not end.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonObject> _lines = Channel.CreateUnbounded<JsonObject>();
    private readonly List<string> _output = [];
    private readonly List<JsonObject> _unclaimed = [];

    private NodeScript(Process process) => _process = process;

    /// <summary>Where the scripts and their node_modules are (tests/js, installed by <c>npm ci --prefix tests/js</c>).</summary>
    public static string Directory => Path.Combine(Repository.Root, "tests", "js");

    /// <summary>Whether Node.js and the scripts' packages are installed, so the tests can run.</summary>
    public static bool Installed =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(path => File.Exists(Path.Combine(path, "node")))
        && System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "mqtt"));

    /// <summary>What the skip of a test says when <see cref="Installed"/> is false.</summary>
    public const string NotInstalledMessage = "node or tests/js/node_modules missing: install Debian's nodejs and npm, then run npm ci --prefix tests/js.";

    public static NodeScript Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var node = new NodeScript(Process.Start(start)!);
        node._process.OutputDataReceived += (_, line) => node.Take(line.Data);
        node._process.ErrorDataReceived += (_, line) => node.Remember(line.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>
    /// The first line the script printed, or prints within <paramref name="timeout"/> (default 20 s), that
    /// <paramref name="matches"/> and no earlier call took; lines passed over stay for later calls.
    /// </summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> matches, TimeSpan? timeout = null)
    {
        if (_unclaimed.Find(line => matches(line)) is JsonObject earlier)
        {
            _unclaimed.Remove(earlier);
            return earlier;
        }

        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                JsonObject line = await _lines.Reader.ReadAsync(deadline.Token);
                if (line["event"]?.GetValue<string>() == "error")
                {
                    throw new InvalidOperationException($"The script failed: {line.ToJsonString()}\n{Output}");
                }

                if (matches(line))
                {
                    return line;
                }

                _unclaimed.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The script printed no such line in time. Its output:\n{Output}");
        }
    }

    /// <summary>Everything the script printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception stuck) when (stuck is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
            return;
        }

        Remember(line);
        if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject json)
        {
            _lines.Writer.TryWrite(json);
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
