using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Carmen.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Benchmarks;

/// <summary>
/// One ThingsBoard gateway connection carrying many children (10,000 by default). First every child is named once
/// (each is registered and comes online: the first-sight cost); then the gateway publishes telemetry for all of them
/// in messages of <see cref="ChildrenPerMessage"/> children x 3 keys, with up to <see cref="InFlight"/> QoS 1
/// publishes outstanding, for the set time. The rate is what reached history, as in the direct-connection benchmark.
/// </summary>
internal static class GatewayBenchmark
{
    private const int ChildrenPerMessage = 100;
    private const int InFlight = 32;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        int children = options.Devices;
        Console.WriteLine($"1 gateway, {children:N0} children, {options.Seconds} s, QoS 1, {ChildrenPerMessage} children x 3 keys per message");
        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        const string password = "benchmark-password";
        CarmenProcess node = await CarmenProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = password,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            string token = await node.Http.SignInAsync("admin", password);
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "bench", name = "Benchmark" });
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units", new { id = "bu", name = "BU" });
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units/bu/clusters", new { id = "c1", name = "C1" });
            string gatewayToken = (await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/devices", new { id = "gw", clusterId = "c1" }))["accessToken"]!.GetValue<string>();
            await node.Http.SendJsonAsync(token, HttpMethod.Patch, "/api/v1/tenants/bench/devices/gw", new { gateway = true });

            using IMqttClient gateway = new MqttClientFactory().CreateMqttClient();
            await gateway.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", node.MqttPort).WithClientId("bench-gateway")
                .WithCredentials(gatewayToken, (string?)null).WithTimeout(TimeSpan.FromSeconds(120)).Build());

            var firstSight = Stopwatch.StartNew();
            (long named, long failedToName) = await PublishAsync(gateway, children, TimeSpan.MaxValue, once: true);
            firstSight.Stop();
            Console.WriteLine($"gateway first sight              {children:N0} children registered and online in {firstSight.Elapsed.TotalSeconds:N1} s ({children / firstSight.Elapsed.TotalSeconds:N0} children/s; {failedToName} messages failed)");

            double storedBefore = await MqttBenchmark.MetricAsync(node, "carmen_telemetry_points_stored_total");
            var clock = Stopwatch.StartNew();
            (long sent, long failed) = await PublishAsync(gateway, children, TimeSpan.FromSeconds(options.Seconds), once: false);
            TimeSpan publishing = clock.Elapsed;
            (double storedTotal, TimeSpan elapsed) = await MqttBenchmark.DrainedAsync(node, clock);
            double stored = storedTotal - storedBefore;
            double pointsPerSecond = stored / elapsed.TotalSeconds;
            Console.WriteLine($"gateway publishes completed      {sent,14:N0}  (failed {failed:N0}) in {publishing.TotalSeconds:N1} s");
            Console.WriteLine($"gateway points in history        {stored,14:N0}  in {elapsed.TotalSeconds:N1} s (until drained)");
            Console.WriteLine($"gateway child messages per second {pointsPerSecond / 3,13:N0}  (one child's 3 keys = one message of a direct connection)");
            Console.WriteLine($"gateway points per second        {pointsPerSecond,14:N0}");
            Console.WriteLine($"gateway RSS                      {ProcessMemory.ResidentBytes(node.ProcessId) / 1048576.0,14:N0} MiB");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                children,
                firstSightSeconds = Math.Round(firstSight.Elapsed.TotalSeconds, 1),
                childMessagesPerSecond = Math.Round(pointsPerSecond / 3),
                pointsPerSecond = Math.Round(pointsPerSecond),
                publishesFailed = failed,
            }));
            await gateway.DisconnectAsync();
            return named > 0 ? 0 : 1;
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Gateway telemetry for every child in turn, <see cref="InFlight"/> publishes at a time; once through all children, or until the time is up.</summary>
    private static async Task<(long Sent, long Failed)> PublishAsync(IMqttClient gateway, int children, TimeSpan duration, bool once)
    {
        long sent = 0, failed = 0, next = 0;
        int messagesPerRound = (children + ChildrenPerMessage - 1) / ChildrenPerMessage;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                long message = Interlocked.Increment(ref next) - 1;
                if (once && message >= messagesPerRound)
                {
                    return;
                }

                int first = (int)(message % messagesPerRound) * ChildrenPerMessage;
                var payload = new StringBuilder("{");
                for (int child = first; child < Math.Min(first + ChildrenPerMessage, children); child++)
                {
                    payload.Append(CultureInfo.InvariantCulture, $$"""{{(child > first ? "," : "")}}"child-{{child:D6}}":{"temperature":{{20 + (random.Next(100) / 10.0)}},"humidity":{{random.Next(30, 70)}},"cpu":{{random.Next(100)}}}""");
                }

                MqttClientPublishResult result = await gateway.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("v1/gateway/telemetry")
                    .WithPayload(payload.Append('}').ToString()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                Interlocked.Increment(ref result.IsSuccess ? ref sent : ref failed);
            }
        })));
        return (sent, failed);
    }
}
