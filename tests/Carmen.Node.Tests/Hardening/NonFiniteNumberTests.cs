using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// Numbers no double holds (<c>1e400</c>): refused at every entry, and a value an older store already holds reads
/// as null instead of breaking every read of the device, its history, its fleet and its alerts.
/// </summary>
public sealed class NonFiniteNumberTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task DeviceSendingAnOverflowingNumberIsRefusedAndNothingIsStored()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("overflow");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        MqttClientPublishResult telemetry = await device.PublishAsync("v1/devices/me/telemetry", """{"load":1e400,"fine":1}""");
        MqttClientPublishResult attributes = await device.PublishAsync("v1/devices/me/attributes", """{"slots":[1,-1e400]}""");
        (await device.PublishAsync("v1/devices/me/telemetry", """{"ok":2}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);

        telemetry.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        telemetry.ReasonString.Should().Contain("load");
        attributes.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        attributes.ReasonString.Should().Contain("slots[1]");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/overflow/telemetry/latest")).Select(pair => pair.Key).Should().Equal("ok");
    }

    [Fact]
    public async Task InfinityAlreadyStoredReadsAsNullEverywhere()
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("legacy");
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        IConnectedDeviceGrain grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IConnectedDeviceGrain>(new DeviceKey(tenant, "legacy").ToString());

        await grain.PublishTelemetryAsync(DeviceConnection.Brokered, [new TelemetryPoint(now, "load", TelemetryValue.FromNumber(double.PositiveInfinity))]);

        JsonObject latest = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/legacy/telemetry/latest");
        latest["load"]!["value"].Should().BeNull();
        JsonObject history = await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/devices/legacy/telemetry?key=load&from={now - 1000}&to={now + 1000}",
            body => body["points"]!.AsArray().Count == 1);
        history["points"]![0]!["value"].Should().BeNull();
        JsonObject summary = await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/fleet/summary?topKey=load", body => body["keys"]!.AsObject().ContainsKey("load"));
        summary["keys"]!["load"]!["max"].Should().BeNull();
    }

    [Theory]
    [InlineData("shared")]
    [InlineData("server")]
    public async Task OperatorAttributesWithAnOverflowingNumberNameTheKey(string scope)
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("attributes");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/attributes/attributes/{scope}",
            RawJson("""{"fine":1,"limit":{"max":1e400}}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit.max");
    }

    [Fact]
    public async Task RequestNumbersBeyondADoubleAreRefusedNamingTheField()
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("d1");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/rollouts",
            RawJson("""{"name":"x","distributionSetId":1,"groups":[{"percentage":1e400}]}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "groups[0].percentage");
    }

    internal static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync(string deviceId) => CarmenClient.TenantWithDeviceAsync(factory, deviceId);
}
