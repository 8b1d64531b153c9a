using System.Text.Json.Nodes;
using Carmen.Testing;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>Devices updating through ThingsBoard's firmware scheme take part in rollouts like any other: their fw_state counts.</summary>
public sealed class ThingsBoardFirmwareRolloutTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    [Fact]
    public async Task AFailedFwStatePausesTheRolloutAndAnUpdatedOneCountsAsSuccess()
    {
        using RolloutSetup setup = await CreateAsync(host.Factory, devices: 2);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "thingsboard firmware",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 100 } },
            errorCondition = new { count = 1, action = "pause" },
        });
        await using DeviceMqttClient first = await DeviceMqttClient.ConnectAsync(host.Factory.MqttPort, setup.Tokens[Device(1)]);
        await using DeviceMqttClient second = await DeviceMqttClient.ConnectAsync(host.Factory.MqttPort, setup.Tokens[Device(2)]);
        await setup.ActAsync(id, "start");
        await setup.WaitForActionAsync(Device(1));
        await setup.WaitForActionAsync(Device(2));

        (await first.PublishAsync("v1/devices/me/telemetry", """{"fw_state":"UPDATED"}""")).IsSuccess.Should().BeTrue();
        (await second.PublishAsync("v1/devices/me/telemetry", """{"fw_state":"FAILED","fw_error":"Flash write error"}""")).IsSuccess.Should().BeTrue();

        JsonObject paused = await setup.WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() == "paused");
        JsonNode counts = paused["groups"]![0]!["counts"]!;
        Count(counts, "succeeded").Should().Be(1);
        Count(counts, "failed").Should().Be(1);
    }
}
