using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Carmen.EdgeAgent.Attributes;

/// <summary>What the agent tells Carmen about the device on every connect: agent, OS, kernel, addresses, boot, installed set.</summary>
public static class ClientAttributes
{
    public static string AgentVersion { get; } =
        typeof(ClientAttributes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static byte[] Write(string procRoot, InstalledSoftware? installed) => JsonPayload.Write(json =>
    {
        json.WriteString("agentVersion", AgentVersion);
        json.WriteString("os", OperatingSystemName(procRoot));
        json.WriteString("kernel", ReadTrimmed(procRoot, "proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString);
        json.WriteString("arch", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
        json.WriteString("hostname", Environment.MachineName);
        json.WriteString("bootId", BootId(procRoot));
        json.WriteStartArray("ipAddresses");
        foreach (string address in Addresses())
        {
            json.WriteStringValue(address);
        }

        json.WriteEndArray();
        if (installed is not null)
        {
            if (installed.DistributionSetId is long setId)
            {
                json.WriteNumber("distributionSetId", setId);
            }

            json.WriteString("distributionSetVersion", installed.Version);
        }
    });

    /// <summary>The kernel's id for this boot: it changes with every reboot, which is how an install that needed one is known to have had it.</summary>
    public static string? BootId(string procRoot) => ReadTrimmed(procRoot, "proc/sys/kernel/random/boot_id");

    private static string OperatingSystemName(string procRoot)
    {
        string? release = ReadTrimmed(procRoot, "etc/os-release");
        string? pretty = release?.Split('\n').FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
    }

    private static IEnumerable<string> Addresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Where(address => address.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !address.Address.IsIPv6LinkLocal)
            .Select(address => address.Address.ToString())
            .Distinct();

    private static string? ReadTrimmed(string root, string relative)
    {
        try
        {
            return File.ReadAllText(Path.Combine(root, relative)).Trim();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
