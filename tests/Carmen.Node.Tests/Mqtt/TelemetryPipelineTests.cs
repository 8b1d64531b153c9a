using System.Net;
using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Testing.Node;
using Carmen.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>Telemetry from MQTT to history, and over the tenant telemetry stream to the fleet summary.</summary>
public sealed class TelemetryPipelineTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private const long Start = 1_700_000_000_000;

    [Fact]
    public async Task HistoryKeepsEveryPointRawAndAggregated()
    {
        (CarmenClient admin, string tenant, string[] tokens) = await FleetAsync(1);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, tokens[0]);
        string backlog = "[" + string.Join(",", Enumerable.Range(0, 120).Select(i => $$$"""{"ts":{{{Start + (i * 1000)}}},"values":{"temp":{{{i}}},"state":"s{{{i % 2}}}"}}""")) + "]";
        (await device.PublishAsync("v1/devices/me/telemetry", backlog)).IsSuccess.Should().BeTrue();
        (await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{Start}}},"values":{"temp":0}}""")).IsSuccess.Should().BeTrue("a redelivered point is stored once");
        string history = $"/api/v1/tenants/{tenant}/devices/d0/telemetry?key=temp&from={Start}&to={Start + 120_000}";

        JsonObject raw = await admin.GetEventuallyAsync(history, body => body["points"]!.AsArray().Count == 120);
        raw["points"]![5]!["ts"]!.GetValue<long>().Should().Be(Start + 5000);
        raw["points"]![5]!["value"]!.GetValue<double>().Should().Be(5);

        JsonObject averages = await admin.GetAsync($"{history}&agg=avg&interval=60000");
        averages["points"]!.AsArray().Select(point => point!["value"]!.GetValue<double>()).Should().Equal(29.5, 89.5);
        (await admin.GetAsync($"{history}&agg=max&interval=30000"))["points"]!.AsArray().Select(point => point!["value"]!.GetValue<double>()).Should().Equal(29, 59, 89, 119);
        (await admin.GetAsync($"{history}&agg=count&interval=120000"))["points"]![0]!["value"]!.GetValue<long>().Should().Be(120);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d0/telemetry?key=state&from={Start}&to={Start + 2000}"))["points"]![1]!["value"]!.GetValue<string>().Should().Be("s1");
    }

    [Fact]
    public void TheTelemetryStreamsKeepDeliveredBatchesForSecondsNotMinutes()
    {
        // Orleans keeps delivered stream items 5 to 30 minutes for subscribers that rewind; implicit subscribers never do,
        // and at 300,000 points a second those minutes held gigabytes (an unpaced benchmark ran a node out of a 1 GiB heap).
        StreamCacheEvictionOptions eviction = factory.Services.GetRequiredService<IOptionsMonitor<StreamCacheEvictionOptions>>().Get(TelemetryBatch.StreamProvider);

        eviction.DataMinTimeInCache.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        eviction.DataMaxAgeInCache.Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("", "key")]
    [InlineData("key=temp&agg=median&interval=60000", "agg")]
    [InlineData("key=temp&agg=avg", "interval")]
    [InlineData("key=temp&from=2000&to=1000", "from")]
    [InlineData("key=temp&limit=0", "limit")]
    public async Task BadHistoryQueriesNameTheField(string query, string field)
    {
        (CarmenClient admin, string tenant, _) = await FleetAsync(1);

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices/d0/telemetry?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task FleetSummaryCountsPresenceAndRanksDevices()
    {
        (CarmenClient admin, string tenant, string[] tokens) = await FleetAsync(4);
        var devices = new List<DeviceMqttClient>();
        for (int i = 0; i < 3; i++)
        {
            DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, tokens[i]);
            await device.PublishAsync("v1/devices/me/telemetry", $$"""{"cpu":{{(i + 1) * 20}},"disk":{{90 - i}},"mode":"auto"}""");
            devices.Add(device);
        }

        await devices[2].DisposeAsync();
        JsonObject summary = await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/fleet/summary?topKey=cpu&topN=2",
            body => body["online"]!.GetValue<long>() == 2 && body["keys"]!.AsObject().ContainsKey("cpu"));

        summary["total"]!.GetValue<long>().Should().Be(4);
        summary["offline"]!.GetValue<long>().Should().Be(1);
        summary["clusters"]![0]!["clusterId"]!.GetValue<string>().Should().Be("c1");
        summary["clusters"]![0]!["total"]!.GetValue<long>().Should().Be(4);
        summary["keys"]!["cpu"]!["devices"]!.GetValue<int>().Should().Be(3);
        summary["keys"]!["cpu"]!["avg"]!.GetValue<double>().Should().Be(40);
        summary["keys"]!["disk"]!["min"]!.GetValue<double>().Should().Be(88);
        summary["keys"]!.AsObject().ContainsKey("mode").Should().BeFalse("text values are not aggregated");
        summary["top"]!.AsArray().Select(top => top!["deviceId"]!.GetValue<string>()).Should().Equal("d2", "d1");
        foreach (DeviceMqttClient device in devices.Take(2))
        {
            await device.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheFleetViewFollowsTheTenantStreamAndKeepsTheNewestReadingByItsTime()
    {
        (CarmenClient admin, string tenant, string[] tokens) = await FleetAsync(1);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, tokens[0]);
        string summary = $"/api/v1/tenants/{tenant}/fleet/summary?topKey=temp&topN=1";

        await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{Start + 5000}}},"values":{"temp":21}}""");
        await admin.GetEventuallyAsync(summary, body => body["keys"]!.AsObject().ContainsKey("temp"));
        await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{Start}}},"values":{"temp":99,"hum":40}}""");
        JsonObject after = await admin.GetEventuallyAsync(summary, body => body["keys"]!.AsObject().ContainsKey("hum"));

        after["keys"]!["temp"]!["max"]!.GetValue<double>().Should().Be(21, "a reading taken earlier does not replace a newer one");
        after["top"]![0]!["value"]!.GetValue<double>().Should().Be(21);
    }

    private async Task<(CarmenClient Admin, string Tenant, string[] Tokens)> FleetAsync(int devices)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        var tokens = new string[devices];
        for (int i = 0; i < devices; i++)
        {
            tokens[i] = (await admin.CreateDeviceAsync(tenant, $"d{i}"))["accessToken"]!.GetValue<string>();
        }

        return (admin, tenant, tokens);
    }
}
