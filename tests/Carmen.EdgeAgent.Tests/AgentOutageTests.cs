using System.Text.Json.Nodes;
using Carmen.EdgeAgent.Telemetry;
using Carmen.EdgeAgent.Tests.Infrastructure;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.EdgeAgent.Tests;

/// <summary>Carmen goes away and comes back on the same port and data: the agent reconnects and fills the gap from its buffer.</summary>
public sealed class AgentOutageTests
{
    [Fact]
    public async Task AfterCarmenRestartsTheAgentReconnectsAndReplaysWhatItBufferedWithNoGaps()
    {
        var first = new CarmenApiFactory { KeepsDataDirectory = true };
        await using var second = new CarmenApiFactory { DataDirectory = first.DataDirectory, MqttPort = first.MqttPort };
        string devicePath, token;
        using (CarmenClient admin = await CarmenClient.SignInAsAdminAsync(first))
        {
            string tenant = await admin.CreateTenantAsync();
            token = (await admin.CreateDeviceAsync(tenant, "edge-1"))["accessToken"]!.GetValue<string>();
            devicePath = $"/api/v1/tenants/{tenant}/devices/edge-1";
        }

        await using RunningAgent agent = await RunningAgent.StartAsync(first.MqttPort, token);
        using (CarmenClient admin = await CarmenClient.SignInAsAdminAsync(first))
        {
            await admin.GetEventuallyAsync($"{devicePath}/telemetry?key=uptime", body => body["points"]!.AsArray().Count >= 2);
        }

        await first.DisposeAsync();
        long down = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        TelemetryOutbox outbox = agent.Service<TelemetryOutbox>();
        // The outbox may still hold points sampled just before the stop, so its count alone does not prove
        // the outage lasted; wait out six one-second samples as well.
        await Eventually.HoldsAsync(
            () => outbox.Queue.Peek(10, int.MaxValue).Records.Count >= 5 && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - down >= 6000,
            TimeSpan.FromSeconds(15));

        long up = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using CarmenClient again = await CarmenClient.SignInAsAdminAsync(second);
        JsonObject history = await again.GetEventuallyAsync($"{devicePath}/telemetry?key=uptime&limit=1000",
            body => body["points"]!.AsArray().Any(point => point!["ts"]!.GetValue<long>() > up));
        long[] times = [.. history["points"]!.AsArray().Select(point => point!["ts"]!.GetValue<long>()).Order()];

        times.Count(ts => ts > down && ts < up).Should().BeGreaterThanOrEqualTo(4, "what was sampled while Carmen was down arrives afterwards");
        // A lost batch would leave a hole of five seconds or more (the outage's batch holds at least five points);
        // a busy machine may delay one sample by a second or two, which is not a loss.
        times.Zip(times.Skip(1)).Select(pair => pair.Second - pair.First).Should().OnlyContain(gap => gap < 4000, "one point a second, no batch missing");
        times.Should().OnlyHaveUniqueItems("a batch sent again after a lost acknowledgement is kept once");
    }
}
