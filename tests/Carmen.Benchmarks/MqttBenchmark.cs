using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Benchmarks;

/// <summary>
/// MQTT telemetry end to end. Carmen runs as its own process (the built silo, embedded store, private ports and data
/// directory) so its memory and CPU are measured apart from the load generator's; mosquitto runs the same load,
/// relaying to one subscriber. Both take the same generator (<see cref="RawMqttLoad"/>: raw sockets, packets encoded
/// once, QoS 1 with one message in flight per device). Carmen's rate is what reached history (the fan-out's
/// stored-points counter), not what was sent; its latency is publish to the fleet summary showing the value;
/// mosquitto's is publish to its subscriber. Memory per connection is the server's RSS growth while the devices
/// connect, divided by their number; CPU per message is the server's (and the generator's) CPU time over the run
/// divided by the messages that arrived.
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
        var environment = new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = password,
            ["Carmen__Mqtt__DeviceMessagesPerSecond"] = "1000000",
            ["Carmen__Mqtt__DevicePointsPerSecond"] = "10000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Carmen__Mqtt__Acknowledge"] = options.Stored ? "Stored" : "Accepted",
            ["Carmen__Orleans__DeviceIdleDeactivation"] = options.Idle ? "00:01:01" : "00:05:00",
            ["Logging__LogLevel__Carmen.Silo.Hosting.IdleMemoryReclaimer"] = "Information",
        };
        CarmenProcess node = await CarmenProcess.StartAsync(data, environment);
        try
        {
            string token = await node.Http.SignInAsync("admin", password);
            await BenchmarkFleet.CreateTenantAsync(node, token);
            foreach (var rule in AlertRuleSet.Rules.Take(options.AlertRules))
            {
                await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/alert-rules", new
                {
                    name = rule.Name, severity = "major", scope = new { type = "tenant" }, condition = JsonNode.Parse(rule.Condition),
                    clearCondition = rule.Clear is null ? null : JsonNode.Parse(rule.Clear), forSeconds = rule.ForSeconds,
                    repeat = rule.Repeat is var (count, within) ? new { count, withinMinutes = within } : null,
                });
            }

            int registered = Math.Max(options.Devices + 1, options.Registered);
            if (options.Licensed)
            {
                // Every telemetry point then passes the meter: counted on the silo, reported to the tenant's meter grain.
                await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/platform/licenses", new
                {
                    tenantId = "bench", plan = "Benchmark", validUntil = DateTimeOffset.UtcNow.AddDays(365),
                    entitlements = new { devices = registered + 1_000, meters = new Dictionary<string, long> { ["telemetryPointsPerMonth"] = 1_000_000_000_000_000 } },
                });
            }

            var registering = Stopwatch.StartNew();
            await BenchmarkFleet.RegisterDevicesAsync(node, token, registered, AccessToken);

            if (options.Registered > 0)
            {
                // Registration leaves every device's grain active; a node that starts with them registered has none.
                Console.WriteLine($"carmen  registered {registered:N0} devices in {registering.Elapsed.TotalSeconds:N0} s; restarting the node");
                await node.DisposeAsync();
                node = await CarmenProcess.StartAsync(data, environment);
                token = await node.Http.SignInAsync("admin", password);
                await Task.Delay(TimeSpan.FromSeconds(10));
                figures["carmenRegistered"] = registered;
                figures["carmenRssRegisteredMiB"] = Math.Round(ProcessMemory.ResidentBytes(node.ProcessId) / 1048576.0);
            }

            long rssBefore = ProcessMemory.ResidentBytes(node.ProcessId);
            double heapBefore = await MetricAsync(node, HeapMetric);
            using IMqttClient probe = new MqttClientFactory().CreateMqttClient();
            await probe.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", node.MqttPort).WithClientId("bench-probe")
                .WithCredentials(AccessToken(0), (string?)null).Build());
            using RawMqttLoad devices = await RawMqttLoad.ConnectAsync(node.MqttPort, options.Devices, options.Qos,
                i => $"bench-{i + 1}", i => AccessToken(i + 1), _ => "v1/devices/me/telemetry");
            await Task.Delay(TimeSpan.FromSeconds(options.Idle ? 10 : 2));
            long rssConnected = ProcessMemory.ResidentBytes(node.ProcessId);
            double bytesPerConnection = (rssConnected - rssBefore) / (double)(devices.Count + 1);
            Console.WriteLine($"carmen  RSS per connection       {bytesPerConnection,14:N0} bytes   (RSS {rssBefore / 1048576.0:N0} -> {rssConnected / 1048576.0:N0} MiB for {devices.Count + 1:N0} connections)");
            figures["bytesPerConnection"] = Math.Round(bytesPerConnection);
            figures["carmenConnections"] = devices.Count + 1;
            figures["carmenRssConnectedMiB"] = Math.Round(rssConnected / 1048576.0);
            double heapPerConnection = (await MetricAsync(node, HeapMetric) - heapBefore) / (devices.Count + 1);
            Console.WriteLine($"carmen  GC heap per connection   {heapPerConnection,14:N0} bytes   (after the last collection)");
            figures["heapBytesPerConnection"] = Math.Round(heapPerConnection);
            Console.WriteLine($"carmen  100,000 connected, extrapolated  {(rssBefore + (100_000 * bytesPerConnection)) / 1048576.0,10:N0} MiB   (RSS before connecting + 100,000 x the per-connection growth)");
            if (options.Idle)
            {
                await MeasureAfterIdleDeactivationAsync(node, rssBefore, heapBefore, devices.Count + 1, figures);
                foreach (string reclaimed in node.Output.Split('\n').Where(line => line.Contains("idle activations collected", StringComparison.Ordinal)))
                {
                    Console.WriteLine($"carmen  {reclaimed.Trim()}");
                }
            }
            else
            {
                await RunCarmenLoadAsync(node, token, probe, devices, options, figures);
            }

            await probe.DisconnectAsync();
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The idle devices' grains leave memory after DeviceIdleDeactivation (61 s here) and the next collection pass; their connections stay.</summary>
    private static async Task MeasureAfterIdleDeactivationAsync(CarmenProcess node, long rssBefore, double heapBefore, int connections, Dictionary<string, object> figures)
    {
        await Task.Delay(TimeSpan.FromSeconds(250));
        double heapPerConnection = (await MetricAsync(node, HeapMetric) - heapBefore) / connections;
        Console.WriteLine($"carmen  GC heap per connection, grains deactivated {heapPerConnection,8:N0} bytes");
        figures["heapBytesPerConnectionGrainsDeactivated"] = Math.Round(heapPerConnection);
        long rssIdle = ProcessMemory.ResidentBytes(node.ProcessId);
        double bytesPerConnection = (rssIdle - rssBefore) / (double)connections;
        Console.WriteLine($"carmen  RSS per connection, grains deactivated {bytesPerConnection,8:N0} bytes   (RSS {rssIdle / 1048576.0:N0} MiB)");
        Console.WriteLine($"carmen  100,000 connected, extrapolated  {(rssBefore + (100_000 * bytesPerConnection)) / 1048576.0,10:N0} MiB   (grains deactivated)");
        figures["bytesPerConnectionGrainsDeactivated"] = Math.Round(bytesPerConnection);
        figures["carmenRssIdleMiB"] = Math.Round(rssIdle / 1048576.0);
    }

    /// <summary>Telemetry from the generator's devices, while the probe device measures publish→fleet summary latency.</summary>
    private static async Task RunCarmenLoadAsync(
        CarmenProcess node, string token, IMqttClient probeDevice, RawMqttLoad load, BenchmarkOptions options, Dictionary<string, object> figures)
    {
        if (options.Warmup > 0)
        {
            // The same load first, unmeasured, until drained: the JIT's tiers settle (it compiles for seconds at the start
            // of a load) and the grains are active, so the figures are the steady state.
            await load.RunAsync(TimeSpan.FromSeconds(options.Warmup), options.Rate);
            await DrainedAsync(node, Stopwatch.StartNew());
            Console.WriteLine($"carmen  warmed up for {options.Warmup} s ({load.Sent:N0} messages, not counted)");
        }

        double storedBefore = await MetricAsync(node, "carmen_telemetry_points_stored_total");
        Dictionary<string, double> collectionsBefore = await SeriesAsync(node, "dotnet_gc_collections_total");
        long sentBefore = load.Sent;
        (TimeSpan serverCpu, TimeSpan generatorCpu) = (ProcessCpu.Of(node.ProcessId), ProcessCpu.OfThisProcess());
        var clock = Stopwatch.StartNew();
        using var probing = new CancellationTokenSource();
        Task<List<double>> latencies = ProbeLatencyAsync(node, token, probeDevice, probing.Token);
        await load.RunAsync(TimeSpan.FromSeconds(options.Seconds), options.Rate);
        TimeSpan publishing = clock.Elapsed;
        await probing.CancelAsync();
        List<double> probe = await latencies;

        // Everything the devices sent reaches history; wait for the fan-out to drain before reading.
        (double storedTotal, TimeSpan elapsed) = await DrainedAsync(node, clock);
        (serverCpu, generatorCpu) = (ProcessCpu.Of(node.ProcessId) - serverCpu, ProcessCpu.OfThisProcess() - generatorCpu);
        double stored = storedTotal - storedBefore;
        double pointsPerSecond = stored / elapsed.TotalSeconds;
        double messagesPerSecond = pointsPerSecond / 3;
        long rssLoaded = ProcessMemory.ResidentBytes(node.ProcessId);
        double serverMicroseconds = serverCpu.TotalMicroseconds / (stored / 3);
        long sent = load.Sent - sentBefore;
        double generatorMicroseconds = generatorCpu.TotalMicroseconds / sent;
        Console.WriteLine($"carmen  publishes {(options.Qos == 0 ? "sent" : "acknowledged"),-15}{sent,14:N0}  in {publishing.TotalSeconds:N1} s");
        Console.WriteLine($"carmen  points in history        {stored,14:N0}  in {elapsed.TotalSeconds:N1} s (until drained)");
        Console.WriteLine($"carmen  messages per second      {messagesPerSecond,14:N0}");
        Console.WriteLine($"carmen  points per second        {pointsPerSecond,14:N0}");
        Console.WriteLine($"carmen  publish to fleet summary p50 {Percentile(probe, 50),8:N1} ms   p99 {Percentile(probe, 99),8:N1} ms   ({probe.Count} probes)");
        Console.WriteLine($"carmen  RSS under load           {rssLoaded / 1048576.0,14:N0} MiB");
        Console.WriteLine($"carmen  CPU per message          {serverMicroseconds,14:N1} µs   (generator {generatorMicroseconds:N1} µs per message sent)");
        Dictionary<string, double> collections = await SeriesAsync(node, "dotnet_gc_collections_total");
        Console.WriteLine($"carmen  garbage collections          {string.Join("   ", collections.Select(series => $"{series.Key} {series.Value - collectionsBefore.GetValueOrDefault(series.Key):N0}"))}");
        foreach (string line in (await MetricLinesAsync(node, "carmen_mqtt_messages_total")).Concat(await MetricLinesAsync(node, "carmen_ingest_shard_messages_total")).Concat(await MetricLinesAsync(node, "carmen_alerts_evaluations_total")).Concat(await MetricLinesAsync(node, "carmen_alerts_transitions_total")).Concat(await MetricLinesAsync(node, "carmen_telemetry_stream_dropped_total")))
        {
            Console.WriteLine($"carmen  {line}");
        }

        if (options.Licensed)
        {
            await Task.Delay(TimeSpan.FromSeconds(11)); // the silo reports its count every 10 s
            JsonNode usage = await node.Http.GetJsonAsync(token, "/api/v1/tenants/bench/license-usage");
            long metered = usage["meters"]!["telemetryPointsPerMonth"]!["used"]!.GetValue<long>();
            Console.WriteLine($"carmen  points metered (license)  {metered,14:N0}   (points in history since the start {storedTotal:N0})");
            figures["carmenPointsMetered"] = metered;
        }

        figures["carmenMessagesPerSecond"] = Math.Round(messagesPerSecond);
        figures["carmenPointsPerSecond"] = Math.Round(pointsPerSecond);
        figures["carmenPublishesAcknowledged"] = sent;
        if (probe.Count > 0) // no probe came back: no latency to report (JSON has no NaN)
        {
            figures["p50Ms"] = Math.Round(Percentile(probe, 50), 1);
            figures["p99Ms"] = Math.Round(Percentile(probe, 99), 1);
        }
        figures["carmenRssMiB"] = Math.Round(rssLoaded / 1048576.0);
        figures["carmenCpuMicrosecondsPerMessage"] = Math.Round(serverMicroseconds, 2);
        figures["carmenAcknowledge"] = options.Stored ? "stored" : "accepted";
        figures["generatorCpuMicrosecondsPerMessageToCarmen"] = Math.Round(generatorMicroseconds, 2);
    }

    private static async Task RunMosquittoAsync(BenchmarkOptions options, Dictionary<string, object> figures)
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        long rssBefore = ProcessMemory.ResidentBytes(broker.ProcessId);
        using RawMqttLoad devices = await RawMqttLoad.ConnectAsync(broker.Port, options.Devices, options.Qos,
            i => $"bench-{i}", _ => null, i => $"bench/{i}/telemetry");
        await Task.Delay(TimeSpan.FromSeconds(2));
        double bytesPerConnection = (ProcessMemory.ResidentBytes(broker.ProcessId) - rssBefore) / (double)devices.Count;
        Console.WriteLine($"mosquitto RSS per connection     {bytesPerConnection,14:N0} bytes");
        figures["mosquittoBytesPerConnection"] = Math.Round(bytesPerConnection);
        if (options.Idle)
        {
            return;
        }

        await using RawMqttSubscriber subscriber = await RawMqttSubscriber.ConnectAsync(broker.Port, "bench/+/telemetry", options.Qos);
        using IMqttClient probe = new MqttClientFactory().CreateMqttClient();
        await probe.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-probe").Build());
        (TimeSpan serverCpu, TimeSpan generatorCpu) = (ProcessCpu.Of(broker.ProcessId), ProcessCpu.OfThisProcess());
        long started = Stopwatch.GetTimestamp();
        using var probing = new CancellationTokenSource();
        Task probed = ProbeRelayAsync(probe, options, probing.Token);
        await devices.RunAsync(TimeSpan.FromSeconds(options.Seconds), options.Rate);
        await probing.CancelAsync();
        await probed;
        while (subscriber.Received < devices.Sent && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(options.Seconds + 30))
        {
            await Task.Delay(50);
        }

        // Relayed messages over the time until the last one arrived: what reached the subscriber, and how fast.
        (serverCpu, generatorCpu) = (ProcessCpu.Of(broker.ProcessId) - serverCpu, ProcessCpu.OfThisProcess() - generatorCpu);
        TimeSpan relaying = Stopwatch.GetElapsedTime(started, subscriber.LastReceivedAt);
        double messagesPerSecond = subscriber.Received / relaying.TotalSeconds;
        List<double> latencies = subscriber.LatenciesMs;
        double serverMicroseconds = serverCpu.TotalMicroseconds / subscriber.Received;
        double generatorMicroseconds = generatorCpu.TotalMicroseconds / (devices.Sent + subscriber.Received);
        Console.WriteLine($"mosquitto {(options.Qos == 0 ? "sent" : "acknowledged")} {devices.Sent:N0}, relayed {subscriber.Received:N0} in {relaying.TotalSeconds:N1} s");
        Console.WriteLine($"mosquitto messages per second    {messagesPerSecond,14:N0}");
        Console.WriteLine($"mosquitto publish to subscriber  p50 {Percentile(latencies, 50),8:N1} ms   p99 {Percentile(latencies, 99),8:N1} ms   ({latencies.Count} probes)");
        Console.WriteLine($"mosquitto CPU per message        {serverMicroseconds,14:N1} µs   (generator and subscriber {generatorMicroseconds:N1} µs per message sent or received)");
        figures["mosquittoMessagesPerSecond"] = Math.Round(messagesPerSecond);
        if (latencies.Count > 0)
        {
            figures["mosquittoP50Ms"] = Math.Round(Percentile(latencies, 50), 1);
            figures["mosquittoP99Ms"] = Math.Round(Percentile(latencies, 99), 1);
        }

        figures["mosquittoCpuMicrosecondsPerMessage"] = Math.Round(serverMicroseconds, 2);
        figures["generatorCpuMicrosecondsPerMessageToMosquitto"] = Math.Round(generatorMicroseconds, 2);
        await probe.DisconnectAsync();
    }

    /// <summary>Every 200 ms a message to the probe topic carrying its Stopwatch timestamp, for the subscriber to time the relay.</summary>
    private static async Task ProbeRelayAsync(IMqttClient probe, BenchmarkOptions options, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await probe.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(RawMqttSubscriber.ProbeTopic)
                .WithPayload(Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)).WithQualityOfServiceLevel(Qos(options)).Build(), CancellationToken.None);
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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

    /// <summary>The managed heap (every generation) after the runtime's last collection.</summary>
    private const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>A counter's value summed over its series, from the Prometheus text at /metrics.</summary>
    internal static async Task<double> MetricAsync(CarmenProcess node, string name) =>
        (await MetricLinesAsync(node, name)).Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Each series of a metric by its labels, with its value.</summary>
    private static async Task<Dictionary<string, double>> SeriesAsync(CarmenProcess node, string name) =>
        (await MetricLinesAsync(node, name)).ToDictionary(
            line => line[name.Length..line.LastIndexOf(' ')],
            line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

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
