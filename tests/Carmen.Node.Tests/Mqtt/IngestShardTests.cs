using System.Text.Json.Nodes;
using Carmen.Grains.Ingest;
using Carmen.Testing;
using Carmen.Testing.Node;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>
/// The silo's ingest shard takes a connected device's telemetry without a grain call; the device's grain still answers
/// for it at once and keeps it across a deactivation, and a rule saved meanwhile judges the next messages.
/// </summary>
public sealed class IngestShardTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task WhatTheShardTookIsTheGrainsAtOnceAndSurvivesADeactivation()
    {
        (CarmenClient admin, string tenant, DeviceMqttClient device) = await ConnectedDeviceAsync("meter");
        await using DeviceMqttClient _ = device;
        IngestShard shard = factory.Services.GetRequiredService<IngestShard>();
        long takenBefore = shard.MessagesTaken;
        long start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000; // a second apart: history keeps one point per key and millisecond

        for (int reading = 1; reading <= 10; reading++)
        {
            (await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{start + (reading * 1000)}}},"values":{"level":{{{reading}}},"phase":"fill"}}""")).IsSuccess.Should().BeTrue();
            (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/telemetry/latest?keys=level"))["level"]!["value"]!.GetValue<int>()
                .Should().Be(reading, "a value acknowledged is what the device's grain answers next");
        }

        shard.MessagesTaken.Should().BeGreaterThanOrEqualTo(takenBefore + 10, "the shard took the messages, not the grain");
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/diagnostics");
        (diagnostics["messagesReceived"]!.GetValue<long>(), diagnostics["pointsReceived"]!.GetValue<long>()).Should().Be((10, 20));

        // Taken by the shard, then the grain deactivated before any call reached it: the value is saved with the grain.
        (await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{start + 11_000}}},"values":{"level":11}}""")).IsSuccess.Should().BeTrue();
        IManagementGrain management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/telemetry/latest?keys=level"))["level"]!["value"]!.GetValue<int>().Should().Be(11);
        (await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{start + 12_000}}},"values":{"level":12}}""")).IsSuccess.Should().BeTrue();
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/meter/telemetry/latest?keys=level"))["level"]!["value"]!.GetValue<int>().Should().Be(12);

        JsonObject history = await admin.GetEventuallyAsync(
            $"/api/v1/tenants/{tenant}/devices/meter/telemetry?key=level&from={start}&to={start + 60_000}", page => page["points"]!.AsArray().Count == 12);
        history["points"]!.AsArray().Select(point => point!["value"]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, 12), "every acknowledged point reaches history, in order, whichever way it went");
    }

    [Fact]
    public async Task ARuleSavedWhileTheShardTakesTheDevicesTelemetryJudgesItsNextMessages()
    {
        (CarmenClient admin, string tenant, DeviceMqttClient device) = await ConnectedDeviceAsync("boiler");
        await using DeviceMqttClient _ = device;
        IngestShard shard = factory.Services.GetRequiredService<IngestShard>();
        long takenBefore = shard.MessagesTaken;
        (await device.PublishAsync("v1/devices/me/telemetry", """{"pressure":2.0}""")).IsSuccess.Should().BeTrue();
        shard.MessagesTaken.Should().BeGreaterThan(takenBefore, "no rule reads pressure yet");

        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules",
            new { name = "Overpressure", severity = "critical", scope = new { type = "tenant" }, condition = new { key = "pressure", op = "gt", value = 6 } });
        JsonObject alerts = await Eventually.ReadAsync(
            async () =>
            {
                (await device.PublishAsync("v1/devices/me/telemetry", """{"pressure":7.5}""")).IsSuccess.Should().BeTrue();
                return await admin.GetAsync($"/api/v1/tenants/{tenant}/alerts");
            },
            page => page["items"]!.AsArray().Count > 0);
        string id = alerts["items"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>();
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/alerts/{id}"))["details"]!["pressure"]!["value"]!.GetValue<double>().Should().Be(7.5);

        // The rule now reads pressure: the shard evaluates it as it takes the message, and calls the grain only for a transition.
        long takenBeforeSteady = shard.MessagesTaken;
        (await device.PublishAsync("v1/devices/me/telemetry", """{"pressure":7.6}""")).IsSuccess.Should().BeTrue();
        shard.MessagesTaken.Should().BeGreaterThan(takenBeforeSteady, "a message no alert changes needs no grain call");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/alerts"))["items"]!.AsArray().Should().ContainSingle("the condition still holds: the same alert");
    }

    private async Task<(CarmenClient Admin, string Tenant, DeviceMqttClient Device)> ConnectedDeviceAsync(string deviceId)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, deviceId))["accessToken"]!.GetValue<string>();
        DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/devices/{deviceId}", info => info["status"]!.GetValue<string>() == "online");
        return (admin, tenant, device);
    }
}
