using System.Diagnostics;
using System.Text;

namespace Carmen.EdgeAgent.Rpc;

/// <summary>
/// Runs a program directly (an argv, never a shell), keeps at most <see cref="MaxOutput"/> characters of each stream,
/// and kills the whole process tree at the timeout. A program that cannot be started (missing, not executable) is a
/// result like any other, with <see cref="CommandResult.StartFailure"/> saying why, so no caller can forget the case.
/// </summary>
public static class CommandRunner
{
    public const int MaxOutput = 16 * 1024;

    public static async Task<CommandResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new BoundedText();
        var error = new BoundedText();
        process.OutputDataReceived += (_, line) => output.Add(line.Data);
        process.ErrorDataReceived += (_, line) => error.Add(line.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            return new CommandResult(null, "", "", false, false, failure.Message);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        return new CommandResult(timedOut ? null : process.ExitCode, output.ToString(), error.ToString(), output.Truncated || error.Truncated, timedOut);
    }

    private sealed class BoundedText
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public bool Truncated { get; private set; }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lock)
            {
                int room = MaxOutput - _text.Length;
                if (room <= 0 || line.Length + 1 > room)
                {
                    _text.Append(line.AsSpan(0, Math.Max(0, Math.Min(line.Length, room))));
                    Truncated = true;
                    return;
                }

                _text.Append(line).Append('\n');
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }
}
