namespace Carmen.Testing;

/// <summary>Debian's mosquitto clients (package mosquitto-clients): MQTT peers no one here wrote.</summary>
public static class Mosquitto
{
    public const string NotInstalledMessage = "mosquitto_pub / mosquitto_sub not found: install Debian's mosquitto-clients package to run these tests.";

    public static bool ClientsInstalled => File.Exists("/usr/bin/mosquitto_pub") && File.Exists("/usr/bin/mosquitto_sub");

    /// <summary>Runs a mosquitto client to its end (killed at the timeout) and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout) =>
        ExternalTool.RunAsync(Path.Combine("/usr/bin", tool), arguments, timeout);
}
