using Carmen.EdgeAgent.Rpc;

namespace Carmen.EdgeAgent;

/// <summary>Reboots the device the way its init system expects (systemd's <c>systemctl reboot</c>, else <c>reboot</c>).</summary>
public static class SystemReboot
{
    /// <summary>Starts the reboot after <paramref name="delay"/>, so a last message can reach Carmen first.</summary>
    public static void After(TimeSpan delay) => _ = Task.Run(async () =>
    {
        await Task.Delay(delay);
        await CommandRunner.RunAsync(File.Exists("/usr/bin/systemctl") ? ["/usr/bin/systemctl", "reboot"] : ["/sbin/reboot"], TimeSpan.FromSeconds(30), CancellationToken.None);
    });
}
