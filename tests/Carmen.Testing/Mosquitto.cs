using System.Diagnostics;

namespace Carmen.Testing;

/// <summary>Debian's mosquitto clients (package mosquitto-clients): MQTT peers no one here wrote.</summary>
public static class Mosquitto
{
    public const string NotInstalledMessage = "mosquitto_pub / mosquitto_sub not found: install Debian's mosquitto-clients package to run these tests.";

    public static bool ClientsInstalled => File.Exists("/usr/bin/mosquitto_pub") && File.Exists("/usr/bin/mosquitto_sub");

    /// <summary>Runs a mosquitto client to its end (killed at the timeout) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path.Combine("/usr/bin", tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, (await output) + (await errors));
    }
}
