using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>The "stored" acknowledgement (Carmen:Mqtt:Acknowledge): a PUBACK a device got is a point in history, also when the node is killed.</summary>
public sealed class StoredAcknowledgementTests : IDisposable
{
    private const string AdminPassword = "stored-admin-1";
    private const int Devices = 20;
    /// <summary>An hour ago: recent enough for retention, which runs as the node starts.</summary>
    private static readonly long s_start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_600_000;
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task EveryAcknowledgedPointIsInHistoryAfterASigkillMidRun()
    {
        var environment = new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = AdminPassword,
            ["Carmen__Mqtt__Acknowledge"] = "Stored",
            // Acknowledged on acceptance, nothing would be in history yet when the node is killed; stored, everything is.
            ["Carmen__Telemetry__HistoryFlushInterval"] = "00:10:00",
            ["Carmen__Mqtt__DeviceMessagesPerSecond"] = "100000",
            ["Carmen__Mqtt__DevicePointsPerSecond"] = "100000",
        };
        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        string token;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.CreateTenantWithClusterAsync(token, "acme");
            var clients = new List<DeviceMqttClient>();
            for (int device = 0; device < Devices; device++)
            {
                string accessToken = await first.Http.CreateDeviceAsync(token, "acme", Name(device));
                clients.Add(await DeviceMqttClient.ConnectAsync(first.MqttPort, accessToken));
                acknowledged[Name(device)] = [];
            }

            Task[] senders = [.. clients.Select((client, device) => SendUntilCutOffAsync(client, acknowledged[Name(device)]))];
            (await Eventually.HoldsAsync(() => acknowledged.Values.All(numbers => numbers.Count >= 20), TimeSpan.FromSeconds(60)))
                .Should().BeTrue("every device has points acknowledged before the kill");

            await first.KillAsync();
            await Task.WhenAll(senders);
            foreach (DeviceMqttClient client in clients)
            {
                client.Client.Dispose();
            }
        }

        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);
        foreach ((string device, ConcurrentBag<long> numbers) in acknowledged)
        {
            JsonNode history = await second.Http.GetJsonAsync(token,
                $"/api/v1/tenants/acme/devices/{device}/telemetry?key=seq&from={s_start}&to={s_start + 1_000_000}&limit=10000");
            long[] stored = [.. history["points"]!.AsArray().Select(point => point!["value"]!.GetValue<long>())];
            stored.Should().Contain(numbers, $"{device} had {numbers.Count} points acknowledged");
        }
    }

    private static string Name(int device) => "meter-" + device.ToString(CultureInfo.InvariantCulture);

    /// <summary>Publishes numbered points at QoS 1, one in flight, until the connection is gone; collects the acknowledged numbers.</summary>
    private static async Task SendUntilCutOffAsync(DeviceMqttClient client, ConcurrentBag<long> acknowledged)
    {
        try
        {
            for (long sequence = 0; sequence < 100_000; sequence++)
            {
                var result = await client.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{s_start + sequence}}},"values":{"seq":{{{sequence}}}}}""");
                if (!result.IsSuccess)
                {
                    return;
                }

                acknowledged.Add(sequence);
            }
        }
        catch (Exception cutOff) when (cutOff is not OutOfMemoryException)
        {
            // The node was killed under this publish: it was never acknowledged.
        }
    }
}
