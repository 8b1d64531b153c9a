using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Updates;

/// <summary>The MQTT side of updates: actions pushed to a subscribed device, feedback published back.</summary>
public sealed class MqttUpdateTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task WaitingActionIsPushedOnSubscribeAndFeedbackFinishesIt()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        long actionId = await setup.AssignAsync();
        await device.SubscribeAsync("v1/devices/me/ota/action");
        (string topic, string pushed) = (await device.ReceiveAsync())!.Value;
        JsonNode action = JsonNode.Parse(pushed)!;
        await device.PublishAsync("v1/devices/me/ota/feedback", $$$"""{"actionId":{{{actionId}}},"execution":"download","result":"none","progress":{"cnt":1,"of":2}}""");
        await device.PublishAsync("v1/devices/me/ota/feedback", $$"""{"actionId":{{actionId}},"execution":"closed","result":"success","details":["rebooted into B"]}""");
        (string _, string settled) = (await device.ReceiveAsync())!.Value;

        topic.Should().Be("v1/devices/me/ota/action");
        (action["id"]!.GetValue<long>(), action["status"]!.GetValue<string>(), action["download"]!.GetValue<string>()).Should().Be((actionId, "update", "forced"));
        action["distributionSet"]!["version"]!.GetValue<string>().Should().Be("2.0.0");
        action["chunks"]![0]!["artifacts"]![0]!["download"]!.GetValue<string>()
            .Should().Be($"/{setup.Tenant}/controller/v1/d1/softwaremodules/{setup.ModuleId}/artifacts/{UpdateSetup.FileName}");
        JsonNode.Parse(settled)!["id"].Should().BeNull("the finished action leaves nothing to do");
        JsonObject finished = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}");
        finished["status"]!.GetValue<string>().Should().Be("finished");
        finished["feedback"]![0]!["progressDone"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task AssignmentAndCancellationReachASubscribedDevice()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        await device.SubscribeAsync("v1/devices/me/ota/action");

        long actionId = await setup.AssignAsync();
        (string _, string assigned) = (await device.ReceiveAsync())!.Value;
        await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}/cancel");
        (string _, string canceling) = (await device.ReceiveAsync())!.Value;

        (JsonNode.Parse(assigned)!["id"]!.GetValue<long>(), JsonNode.Parse(assigned)!["status"]!.GetValue<string>()).Should().Be((actionId, "update"));
        (JsonNode.Parse(canceling)!["id"]!.GetValue<long>(), JsonNode.Parse(canceling)!["status"]!.GetValue<string>()).Should().Be((actionId, "cancel"));
    }

    [Fact]
    public async Task AnActionAskingForConfirmationIsPushedAsConfirmAndRunsOnceTheDeviceConfirms()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        await device.SubscribeAsync("v1/devices/me/ota/action");

        long actionId = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "forced", confirmationRequired = true });
        (string _, string waiting) = (await device.ReceiveAsync())!.Value;
        await device.PublishAsync("v1/devices/me/ota/feedback", $$"""{"actionId":{{actionId}},"confirmation":"denied","details":["not now"]}""");
        string afterDenial = (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>();
        await device.PublishAsync("v1/devices/me/ota/feedback", $$"""{"actionId":{{actionId}},"confirmation":"confirmed"}""");
        (string _, string confirmed) = (await device.ReceiveAsync())!.Value;

        (JsonNode.Parse(waiting)!["id"]!.GetValue<long>(), JsonNode.Parse(waiting)!["status"]!.GetValue<string>()).Should().Be((actionId, "confirm"));
        afterDenial.Should().Be("waitingForConfirmation", "a denial leaves the action waiting, as in hawkBit");
        (JsonNode.Parse(confirmed)!["id"]!.GetValue<long>(), JsonNode.Parse(confirmed)!["status"]!.GetValue<string>()).Should().Be((actionId, "update"));
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task AnActionOutsideItsMaintenanceWindowIsPushedAgainWhenTheWindowOpens()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        await device.SubscribeAsync("v1/devices/me/ota/action");
        DateTimeOffset opens = DateTimeOffset.UtcNow.AddSeconds(3);
        var window = new { schedule = $"{opens.Second} {opens.Minute} {opens.Hour} * * *", duration = "00:10:00", timeZone = "UTC" };

        await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "forced", maintenanceWindow = window });
        (string _, string closed) = (await device.ReceiveAsync())!.Value;
        (string _, string open) = (await device.ReceiveAsync(TimeSpan.FromSeconds(30)))!.Value;

        JsonNode before = JsonNode.Parse(closed)!;
        JsonNode after = JsonNode.Parse(open)!;
        (before["update"]!.GetValue<string>(), before["maintenanceWindow"]!.GetValue<string>()).Should().Be(("skip", "unavailable"));
        (after["update"]!.GetValue<string>(), after["maintenanceWindow"]!.GetValue<string>()).Should().Be(("forced", "available"),
            "a device that only listens learns that its window opened");
    }

    [Fact]
    public async Task MalformedFeedbackIsRefusedAndCounted()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);

        MQTTnet.MqttClientPublishResult result = await device.PublishAsync("v1/devices/me/ota/feedback", """{"actionId":"one","execution":"closed"}""");

        result.ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid);
        JsonObject diagnostics = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/diagnostics");
        diagnostics.ToJsonString().Should().Contain("malformedPayload");
    }
}
