using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Tests.Infrastructure;
using Carmen.Testing;

namespace Carmen.EdgeAgent.Tests;

/// <summary>
/// The same OTA, with the agent polling Carmen's DDI API instead of taking actions over MQTT. The agent's MQTT port
/// has nothing listening, so everything seen in Carmen travelled over DDI.
/// </summary>
public sealed partial class AgentUpdateTests
{
    [Fact]
    public async Task AnAgentPollingDdiInstallsAnUpdateAndReportsItWithoutMqtt()
    {
        UpdateSetup setup = await DdiSetupAsync(firmwareBytes: 150_000);
        await using RunningAgent agent = await StartDdiAgentAsync(setup, options => options.Installer.Command = InstallScript(exitCode: 0));

        long actionId = await setup.AssignAsync();
        JsonObject action = await SettledAsync(setup, actionId);

        action["status"]!.GetValue<string>().Should().Be("finished", action.ToJsonString());
        File.ReadAllBytes(Installed).Should().Equal(setup.Firmware);
        Details(action).Should().Contain(line => line.Contains("Downloading firmware.bin: 100%"))
            .And.Contain("installing version 2.0.0", "the module's version reaches the installer")
            .And.Contain(line => line.StartsWith("Installed gateway-os 2.0.0", StringComparison.Ordinal), "DDI names the module, not the set");
        action["feedback"]!.AsArray().Should().Contain(entry => entry!["progressDone"] != null && entry["progressDone"]!.GetValue<int>() == 100);
    }

    [Fact]
    public async Task AnAgentPollingDdiLearnsThatTheMaintenanceWindowOpenedAndInstallsThen()
    {
        UpdateSetup setup = await DdiSetupAsync(firmwareBytes: 10_000);
        await using RunningAgent agent = await StartDdiAgentAsync(setup, options => options.Installer.Command = InstallScript(exitCode: 0));
        DateTimeOffset opens = DateTimeOffset.UtcNow.AddSeconds(4);
        var window = new { schedule = $"{opens.Second} {opens.Minute} {opens.Hour} * * *", duration = "00:10:00", timeZone = "UTC" };

        long actionId = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "forced", maintenanceWindow = window });
        JsonObject action = await SettledAsync(setup, actionId);

        action["status"]!.GetValue<string>().Should().Be("finished", action.ToJsonString());
        Details(action).Should().Contain("Downloaded; waiting for the maintenance window.",
            "the agent downloads first and waits; Carmen's link changes when the window opens, so the next poll fetches the offer again");
        File.ReadAllBytes(Installed).Should().Equal(setup.Firmware);
    }

    [Fact]
    public async Task AnAgentPollingDdiAnswersACancellationAndConfirmsAnActionOnceApproved()
    {
        UpdateSetup setup = await DdiSetupAsync(firmwareBytes: 10_000);
        string approval = Path.Combine(_device, "approve-update");
        await using RunningAgent agent = await StartDdiAgentAsync(setup, options =>
            (options.Installer.Command, options.Installer.ApprovalFile) = (InstallScript(exitCode: 0), approval));

        long soft = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "soft" });
        await setup.Admin.GetEventuallyAsync(ActionPath(setup, soft), body => Details(body).Any(line => line.Contains("waiting for approval")));
        await setup.Admin.SendOkAsync(HttpMethod.Post, $"{ActionPath(setup, soft)}/cancel");
        JsonObject canceled = await SettledAsync(setup, soft);

        long confirmed = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, confirmationRequired = true });
        await Task.Delay(TimeSpan.FromSeconds(2)); // two polls without approval
        string unapproved = (await setup.Admin.GetAsync(ActionPath(setup, confirmed)))["status"]!.GetValue<string>();
        File.WriteAllText(approval, "");
        JsonObject installed = await SettledAsync(setup, confirmed);

        unapproved.Should().Be("waitingForConfirmation", "the agent confirms only once the device approves");
        installed["status"]!.GetValue<string>().Should().Be("finished", installed.ToJsonString());
        Details(installed).Should().Contain("Approved on the device.");
        canceled["status"]!.GetValue<string>().Should().Be("canceled", canceled.ToJsonString());
        Details(canceled).Should().Contain("Canceled before installing.");
    }

    [Fact]
    public async Task CheckPollsDdiAsTheControllerAndIsRefusedForAnotherDevicesId()
    {
        UpdateSetup setup = await DdiSetupAsync(firmwareBytes: 10);
        await setup.Admin.CreateDeviceAsync(setup.Tenant, "d2");

        int own = await CheckAsync(setup, "d1");
        int other = await CheckAsync(setup, "d2");

        (own, other).Should().Be((AgentCommands.Ok, AgentCommands.CredentialsRefused), "d1's token is not d2's TargetToken");
    }

    private Task<int> CheckAsync(UpdateSetup setup, string controllerId) => AgentCommands.RunAsync(
    [
        "check", "--host", "127.0.0.1", "--port", carmen.Factory.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--token", setup.DeviceToken, "--http-url", carmen.HttpUrl, "--state-dir", Path.Combine(_device, "state"),
        "--ddi:tenant", setup.Tenant, "--ddi:controllerId", controllerId,
    ]);

    /// <summary>The usual setup, with the tenant's DDI polling sleep at its 1 s minimum so the tests do not wait minutes.</summary>
    private async Task<UpdateSetup> DdiSetupAsync(int firmwareBytes)
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes);
        await setup.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{setup.Tenant}/ddi-settings", new { pollingSleep = "00:00:01" });
        return setup;
    }

    private Task<RunningAgent> StartDdiAgentAsync(UpdateSetup setup, Action<AgentOptions> configure) =>
        RunningAgent.StartAsync(FreePorts.Next(), setup.DeviceToken, options =>
        {
            options.Server.HttpUrl = carmen.HttpUrl;
            options.Ddi = new DdiOptions { Tenant = setup.Tenant, ControllerId = "d1" };
            configure(options);
        });
}
