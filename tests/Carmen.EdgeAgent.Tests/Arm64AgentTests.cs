using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.EdgeAgent.Tests;

/// <summary>
/// The arm64 agent binary, the one shipped for ARM devices, run as a process (under qemu on an x64 machine) against a
/// Carmen node on loopback: it connects with its token, says it is arm64 and its metrics arrive.
/// </summary>
public sealed class Arm64AgentTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("carmen-agent-arm64-").FullName;

    [Arm64AgentFact]
    public async Task TheArm64BinaryConnectsAndItsTelemetryArrives()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "arm-1"))["accessToken"]!.GetValue<string>();
        string devicePath = $"/api/v1/tenants/{tenant}/devices/arm-1";
        string config = Path.Combine(_directory, "agent.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            server = new { host = "127.0.0.1", port = factory.MqttPort, reconnectMaxDelaySeconds = 1 },
            accessToken = token,
            telemetryIntervalSeconds = 1,
            stateDirectory = Path.Combine(_directory, "state"),
        }));

        using Process agent = Start(config);
        try
        {
            JsonObject attributes = await admin.GetEventuallyAsync($"{devicePath}/attributes", body => body["client"]?["arch"] is not null);
            JsonObject latest = await admin.GetEventuallyAsync($"{devicePath}/telemetry/latest?keys=memAvailable,uptime", body => body.Count == 2);

            attributes["client"]!["arch"]!.GetValue<string>().Should().Be("arm64");
            latest["memAvailable"]!["value"]!.GetValue<double>().Should().BeGreaterThan(0);
        }
        finally
        {
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Process Start(string config)
    {
        bool native = RuntimeInformation.OSArchitecture == Architecture.Arm64;
        var start = new ProcessStartInfo(native ? Arm64Agent.Binary : Arm64Agent.Qemu) { UseShellExecute = false };
        string[] arguments = native ? ["--config", config] : ["-L", Arm64Agent.Sysroot, Arm64Agent.Binary, "--config", config];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
