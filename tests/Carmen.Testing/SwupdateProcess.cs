using System.Diagnostics;
using System.Text;

namespace Carmen.Testing;

/// <summary>
/// swupdate running suricatta against a Carmen node as one controller, killed with its children when disposed. It
/// keeps its IPC sockets at fixed paths under /tmp, so only one runs at a time.
/// </summary>
public sealed class SwupdateProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SwupdateProcess(Process process) => _process = process;

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

    /// <summary>
    /// Starts swupdate for <paramref name="controllerId"/> of <paramref name="tenant"/>, polling every second, with
    /// the hardware revision given and no bootloader state marker; <paramref name="confirm"/> (suricatta's -c, 2 =
    /// success) is what it reports after the "reboot".
    /// </summary>
    public static SwupdateProcess Start(string serverUrl, string tenant, string controllerId, string targetToken, SwupdateImage image, string hardwareRevision, int? confirm = null)
    {
        string suricatta = $"-t {tenant} -u {serverUrl} -i {controllerId} -k {targetToken} -p 1" + (confirm is int state ? $" -c {state}" : "");
        var start = new ProcessStartInfo("/usr/bin/swupdate")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-v", "-m", "-k", image.SignerCertificate, "-H", $"board:{hardwareRevision}", "-u", suricatta])
        {
            start.ArgumentList.Add(argument);
        }

        var swupdate = new SwupdateProcess(Process.Start(start)!);
        swupdate._process.OutputDataReceived += (_, line) => swupdate.Append(line.Data);
        swupdate._process.ErrorDataReceived += (_, line) => swupdate.Append(line.Data);
        swupdate._process.BeginOutputReadLine();
        swupdate._process.BeginErrorReadLine();
        return swupdate;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
