using System.Text.Json.Nodes;
using Carmen.Testing;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>The health gate: after reporting success a device must keep its telemetry healthy (and, when asked, keep sending) for a window.</summary>
public sealed class RolloutHealthGateTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    [Fact]
    public async Task TelemetryRegressionAfterSuccessCountsAsFailure()
    {
        using RolloutSetup setup = await CreateAsync(host.Factory, devices: 2);
        await using DeviceMqttClient hot = await DeviceMqttClient.ConnectAsync(host.Factory.MqttPort, setup.Tokens["d01"]);
        await using DeviceMqttClient cool = await DeviceMqttClient.ConnectAsync(host.Factory.MqttPort, setup.Tokens["d02"]);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "gated",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 100 } },
            healthGate = new { expression = "cpu < 90 and temp < 80", window = "00:00:02" },
        });
        await setup.ActAsync(id, "start");
        await setup.FinishAsync("d01");
        await setup.FinishAsync("d02");
        JsonObject verifying = await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "verifying") == 2);

        await hot.PublishAsync("v1/devices/me/telemetry", """{"cpu":97,"temp":50}""");
        await cool.PublishAsync("v1/devices/me/telemetry", """{"cpu":20}""");
        JsonObject settled = await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "failed") == 1 && Count(rollout["counts"]!, "succeeded") == 1);
        JsonNode failed = (await setup.Admin.GetAsync($"{setup.Rollouts}/{id}/devices?status=failed"))["items"]![0]!;

        Count(verifying["counts"]!, "succeeded").Should().Be(0, "success waits for the health window");
        (failed["targetId"]!.GetValue<string>(), failed["reason"]!.GetValue<string>()).Should().Be(("d01", "Health gate: cpu = 97 (cpu < 90)"));
        settled["status"]!.GetValue<string>().Should().Be("running", "the group needs 100% and one device regressed");
    }

    [Fact]
    public async Task DeviceThatFallsSilentFailsAHeartbeatGate()
    {
        using RolloutSetup setup = await CreateAsync(host.Factory, devices: 1);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "alive after reboot",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 100 } },
            healthGate = new { expression = "cpu < 90", window = "00:00:01", requireHeartbeat = true },
        });

        await setup.ActAsync(id, "start");
        await setup.FinishAsync("d01");
        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "failed") == 1);
        JsonNode failed = (await setup.Admin.GetAsync($"{setup.Rollouts}/{id}/devices?status=failed"))["items"]![0]!;

        failed["reason"]!.GetValue<string>().Should().StartWith("Health gate: No message from the device");
    }
}
