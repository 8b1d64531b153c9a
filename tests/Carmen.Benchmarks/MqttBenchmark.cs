using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Benchmarks;

/// <summary>
/// MQTT telemetry end to end. Carmen runs as its own process (the built silo, embedded store, private ports and data
/// directory) so its memory is measured apart from the load generator's; mosquitto runs the same load relaying to one
/// subscriber. Carmen's rate is what reached history (the fan-out's stored-points counter), not what was sent; its
/// latency is publish to the fleet summary showing the value. Memory per connection is the server's RSS growth while
/// the devices connect, divided by their number.
/// </summary>
internal static class MqttBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var figures = new Dictionary<string, object>();
        Console.WriteLine($"{options.Devices:N0} devices, {options.Seconds} s, QoS {options.Qos}, target {options.Target}");
        if (options.Target is "carmen" or "both")
        {
            await RunCarmenAsync(options, figures);
        }

        if (options.Target is "mosquitto" or "both")
        {
            await RunMosquittoAsync(options, figures);
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static async Task RunCarmenAsync(BenchmarkOptions options, Dictionary<string, object> figures)
    {
        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        const string password = "benchmark-password";
        CarmenProcess node = await CarmenProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = password,
            ["Carmen__Mqtt__DeviceMessagesPerSecond"] = "1000000",
            ["Carmen__Mqtt__DevicePointsPerSecond"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            string token = await node.Http.SignInAsync("admin", password);
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "bench", name = "Benchmark" });
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units", new { id = "bu", name = "BU" });
            await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units/bu/clusters", new { id = "c1", name = "C1" });
            foreach (var rule in AlertRuleSet.Rules.Take(options.AlertRules))
            {
                await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/alert-rules", new
                {
                    name = rule.Name, severity = "major", scope = new { type = "tenant" }, condition = JsonNode.Parse(rule.Condition),
                    clearCondition = rule.Clear is null ? null : JsonNode.Parse(rule.Clear), forSeconds = rule.ForSeconds,
                    repeat = rule.Repeat is var (count, within) ? new { count, withinMinutes = within } : null,
                });
            }

            foreach (int[] chunk in Enumerable.Range(0, options.Devices + 1).Chunk(10_000))
            {
                JsonNode import = await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/devices/bulk?wait=25",
                    chunk.Select(i => new { id = $"d{i:D6}", clusterId = "c1", accessToken = AccessToken(i) }).ToArray());
                if (import["succeeded"]!.GetValue<int>() != chunk.Length)
                {
                    throw new InvalidOperationException($"Registration failed: {import.ToJsonString()[..Math.Min(500, import.ToJsonString().Length)]}");
                }
            }

            long rssBefore = ProcessMemory.ResidentBytes(node.ProcessId);
            List<IMqttClient> devices = await MqttLoad.ConnectAsync(options.Devices + 1, i => DeviceOptions(node.MqttPort, i, AccessToken(i)));
            await Task.Delay(TimeSpan.FromSeconds(options.Idle ? 10 : 2));
            long rssConnected = ProcessMemory.ResidentBytes(node.ProcessId);
            double bytesPerConnection = (rssConnected - rssBefore) / (double)devices.Count;
            Console.WriteLine($"carmen  RSS per connection       {bytesPerConnection,14:N0} bytes   (RSS {rssBefore / 1048576.0:N0} -> {rssConnected / 1048576.0:N0} MiB for {devices.Count:N0} connections)");
            figures["bytesPerConnection"] = Math.Round(bytesPerConnection);
            figures["carmenConnections"] = devices.Count;
            figures["carmenRssConnectedMiB"] = Math.Round(rssConnected / 1048576.0);
            if (!options.Idle)
            {
                await RunCarmenLoadAsync(node, token, devices, options, figures);
            }

            await Task.WhenAll(devices.Select(device => device.DisconnectAsync()));
            devices.ForEach(device => device.Dispose());
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Telemetry from all devices but the first, which probes publish→fleet summary latency meanwhile.</summary>
    private static async Task RunCarmenLoadAsync(CarmenProcess node, string token, List<IMqttClient> devices, BenchmarkOptions options, Dictionary<string, object> figures)
    {
        var load = new MqttLoad(devices.Skip(1).ToList(), "v1/devices/me/telemetry", Qos(options), withSendTime: false);
        double storedBefore = await MetricAsync(node, "carmen_telemetry_points_stored_total");
        var clock = Stopwatch.StartNew();
        using var probing = new CancellationTokenSource();
        Task<List<double>> latencies = ProbeLatencyAsync(node, token, devices[0], probing.Token);
        await load.RunAsync(TimeSpan.FromSeconds(options.Seconds));
        TimeSpan publishing = clock.Elapsed;
        await probing.CancelAsync();
        List<double> probe = await latencies;

        // Everything the devices sent reaches history; wait for the fan-out to drain before reading.
        (double storedTotal, TimeSpan elapsed) = await DrainedAsync(node, clock);
        double stored = storedTotal - storedBefore;
        double pointsPerSecond = stored / elapsed.TotalSeconds;
        double messagesPerSecond = pointsPerSecond / 3;
        long rssLoaded = ProcessMemory.ResidentBytes(node.ProcessId);
        Console.WriteLine($"carmen  publishes completed      {load.Sent,14:N0}  (failed {load.Failed:N0}) in {publishing.TotalSeconds:N1} s");
        Console.WriteLine($"carmen  points in history        {stored,14:N0}  in {elapsed.TotalSeconds:N1} s (until drained)");
        Console.WriteLine($"carmen  messages per second      {messagesPerSecond,14:N0}");
        Console.WriteLine($"carmen  points per second        {pointsPerSecond,14:N0}");
        Console.WriteLine($"carmen  publish to fleet summary p50 {Percentile(probe, 50),8:N1} ms   p99 {Percentile(probe, 99),8:N1} ms   ({probe.Count} probes)");
        Console.WriteLine($"carmen  RSS under load           {rssLoaded / 1048576.0,14:N0} MiB");
        foreach (string line in (await MetricLinesAsync(node, "carmen_mqtt_messages_total")).Concat(await MetricLinesAsync(node, "carmen_alerts_evaluations_total")).Concat(await MetricLinesAsync(node, "carmen_alerts_transitions_total")).Concat(await MetricLinesAsync(node, "carmen_telemetry_stream_dropped_total")))
        {
            Console.WriteLine($"carmen  {line}");
        }

        figures["carmenMessagesPerSecond"] = Math.Round(messagesPerSecond);
        figures["carmenPointsPerSecond"] = Math.Round(pointsPerSecond);
        figures["carmenPublishesAcknowledged"] = load.Sent;
        if (probe.Count > 0) // no probe came back: no latency to report (JSON has no NaN)
        {
            figures["p50Ms"] = Math.Round(Percentile(probe, 50), 1);
            figures["p99Ms"] = Math.Round(Percentile(probe, 99), 1);
        }
        figures["carmenRssMiB"] = Math.Round(rssLoaded / 1048576.0);
    }

    /// <summary>
    /// One loopback source address per 20,000 devices: a single one runs out of ephemeral ports near 28,000, and
    /// 100,000 connections are part of what is measured.
    /// </summary>
    private static MqttClientOptions DeviceOptions(int port, int device, string? userName)
    {
        MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-{device}")
            .WithCredentials(userName, (string?)null).WithKeepAlivePeriod(TimeSpan.FromMinutes(5)).WithTimeout(TimeSpan.FromSeconds(60)).Build();
        ((MqttClientTcpOptions)options.ChannelOptions).LocalEndpoint = new IPEndPoint(new IPAddress([127, 0, 0, (byte)(1 + (device / 20_000))]), 0);
        return options;
    }

    private static async Task RunMosquittoAsync(BenchmarkOptions options, Dictionary<string, object> figures)
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        long rssBefore = ProcessMemory.ResidentBytes(broker.ProcessId);
        List<IMqttClient> devices = await MqttLoad.ConnectAsync(options.Devices, i => DeviceOptions(broker.Port, i, userName: null));
        await Task.Delay(TimeSpan.FromSeconds(2));
        double bytesPerConnection = (ProcessMemory.ResidentBytes(broker.ProcessId) - rssBefore) / (double)devices.Count;
        Console.WriteLine($"mosquitto RSS per connection     {bytesPerConnection,14:N0} bytes");
        figures["mosquittoBytesPerConnection"] = Math.Round(bytesPerConnection);
        if (options.Idle)
        {
            await Task.WhenAll(devices.Select(device => device.DisconnectAsync()));
            devices.ForEach(device => device.Dispose());
            return;
        }

        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        long received = 0;
        long lastReceivedAt = 0;
        var latencies = new List<double>();
        subscriber.ApplicationMessageReceivedAsync += message =>
        {
            long count = Interlocked.Increment(ref received);
            Interlocked.Exchange(ref lastReceivedAt, Stopwatch.GetTimestamp());
            if (count % 100 == 0)
            {
                using JsonDocument payload = JsonDocument.Parse(message.ApplicationMessage.Payload);
                double ms = Stopwatch.GetElapsedTime(payload.RootElement.GetProperty("sent").GetInt64()).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(ms);
                }
            }

            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-subscriber").Build());
        await subscriber.SubscribeAsync("bench/+/telemetry", Qos(options));

        var load = new MqttLoad(devices, "bench/{device}/telemetry", Qos(options), withSendTime: true);
        long started = Stopwatch.GetTimestamp();
        await load.RunAsync(TimeSpan.FromSeconds(options.Seconds));
        long expected = load.Sent;
        while (Interlocked.Read(ref received) < expected && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(options.Seconds + 30))
        {
            await Task.Delay(50);
        }

        // Relayed messages over the time until the last one arrived: what reached the subscriber, and how fast.
        TimeSpan relaying = Stopwatch.GetElapsedTime(started, Interlocked.Read(ref lastReceivedAt));
        double messagesPerSecond = Interlocked.Read(ref received) / relaying.TotalSeconds;
        Console.WriteLine($"mosquitto published {load.Sent:N0} (failed {load.Failed:N0}), relayed {received:N0} in {relaying.TotalSeconds:N1} s");
        Console.WriteLine($"mosquitto messages per second    {messagesPerSecond,14:N0}");
        Console.WriteLine($"mosquitto publish to subscriber  p50 {Percentile(latencies, 50),8:N1} ms   p99 {Percentile(latencies, 99),8:N1} ms");
        figures["mosquittoMessagesPerSecond"] = Math.Round(messagesPerSecond);
        figures["mosquittoP50Ms"] = Math.Round(Percentile(latencies, 50), 1);
        figures["mosquittoP99Ms"] = Math.Round(Percentile(latencies, 99), 1);
        await Task.WhenAll(devices.Select(device => device.DisconnectAsync()));
        devices.ForEach(device => device.Dispose());
    }

    /// <summary>Publish→fleet summary: the probe device sends a new value, then the summary is polled until its top shows it.</summary>
    private static async Task<List<double>> ProbeLatencyAsync(CarmenProcess node, string token, IMqttClient probe, CancellationToken stop)
    {
        var latencies = new List<double>();
        using var http = new HttpClient { BaseAddress = node.Http.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        for (int sequence = 1; !stop.IsCancellationRequested; sequence++)
        {
            long started = Stopwatch.GetTimestamp();
            await probe.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("v1/devices/me/telemetry")
                .WithPayload($$"""{"probe":{{sequence}}}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None);
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
            {
                JsonNode summary = (await http.GetFromJsonAsync<JsonNode>("/api/v1/tenants/bench/fleet/summary?topKey=probe&topN=1", CancellationToken.None))!;
                if (summary["top"]!.AsArray().FirstOrDefault()?["value"]?.GetValue<double>() == sequence)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    break;
                }

                await Task.Delay(2, CancellationToken.None);
            }

            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return latencies;
    }

    /// <summary>
    /// Waits until the server has taken in everything (accepted points unchanged for 3 s: at QoS 0 the sockets hold
    /// seconds of backlog after the devices stop) and history holds every accepted point; returns the stored count and
    /// the time of the last progress, so the wait itself does not count.
    /// </summary>
    internal static async Task<(double Stored, TimeSpan At)> DrainedAsync(CarmenProcess node, Stopwatch clock)
    {
        (double accepted, double stored, TimeSpan at, int unchanged) = (-1, -1, clock.Elapsed, 0);
        while (unchanged < 3 || stored < accepted)
        {
            await Task.Delay(1000);
            double acceptedNow = await MetricAsync(node, "carmen_telemetry_points_total");
            double storedNow = await MetricAsync(node, "carmen_telemetry_points_stored_total");
            unchanged = acceptedNow == accepted ? unchanged + 1 : 0;
            if (acceptedNow != accepted || storedNow != stored)
            {
                at = clock.Elapsed;
            }

            (accepted, stored) = (acceptedNow, storedNow);
        }

        return (stored, at);
    }

    /// <summary>A counter's value summed over its series, from the Prometheus text at /metrics.</summary>
    internal static async Task<double> MetricAsync(CarmenProcess node, string name) =>
        (await MetricLinesAsync(node, name)).Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Every series of a metric (one Prometheus text line each): what the server counted, by outcome.</summary>
    private static async Task<List<string>> MetricLinesAsync(CarmenProcess node, string name)
    {
        string text = await node.Metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return [.. text.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))];
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        List<double> sorted = [.. values.Order()];
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static MqttQualityOfServiceLevel Qos(BenchmarkOptions options) => (MqttQualityOfServiceLevel)options.Qos;

    private static string AccessToken(int device) => $"bench-device-access-token-{device:D8}";
}
