using System.Diagnostics;
using System.Text.Json;
using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Benchmarks;

/// <summary>
/// Rule evaluation alone, on one core: N devices (100,000 by default), each with its latest values and a watch per
/// rule, receiving messages of three keys in random device order and evaluating the ten rules of
/// <see cref="AlertRuleSet"/> as the device grain does (only rules reading a key of the message, then the next
/// moment time alone changes an outcome). Reports messages, points and evaluations per second, and the memory the
/// evaluation state takes per device. The cost inside the running node is the mqtt benchmark with --alert-rules 10.
/// </summary>
internal static class AlertBenchmark
{
    public static Task<int> RunAsync(BenchmarkOptions options)
    {
        CompiledAlertRule[] rules = [.. AlertRuleSet.Rules.Select((rule, i) => CompiledAlertRule.Compile(new AlertRule(i + 1,
            new AlertRuleDraft(rule.Name, AlertSeverity.Major, new AlertScope(AlertScopeKind.Tenant, null), rule.Condition, rule.Clear, rule.ForSeconds,
                rule.Repeat is var (count, within) ? new AlertRepeat(count, within) : null, null, true), 1, default, default)))];
        string[] keys = ["temperature", "humidity", "cpu"];
        var random = new Random(7);
        DateTimeOffset start = DateTimeOffset.UtcNow;

        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var devices = new (Dictionary<string, TimestampedValue> Latest, AlertWatch[] Watches)[options.Devices];
        for (int i = 0; i < devices.Length; i++)
        {
            devices[i] = (new Dictionary<string, TimestampedValue>(StringComparer.Ordinal), [.. rules.Select(_ => new AlertWatch())]);
        }

        long memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        long messages = (long)options.Devices * 20;
        long evaluations = 0, raised = 0;
        var clock = Stopwatch.StartNew();
        for (long m = 0; m < messages; m++)
        {
            (Dictionary<string, TimestampedValue> latest, AlertWatch[] watches) = devices[random.Next(devices.Length)];
            DateTimeOffset now = start.AddMilliseconds(m / 50); // 50,000 messages per simulated second
            long ts = now.ToUnixTimeMilliseconds();
            latest["temperature"] = new TimestampedValue(ts, TelemetryValue.FromNumber(20 + (random.Next(100) / 10.0)));
            latest["humidity"] = new TimestampedValue(ts, TelemetryValue.FromNumber(random.Next(30, 70)));
            latest["cpu"] = new TimestampedValue(ts, TelemetryValue.FromNumber(random.Next(100)));
            var facts = new AlertFacts(latest, now);
            DateTimeOffset? next = null;
            for (int r = 0; r < rules.Length; r++)
            {
                CompiledAlertRule rule = rules[r];
                if (!keys.Any(rule.Keys.Contains))
                {
                    continue;
                }

                evaluations++;
                raised += watches[r].Observe(rule, facts) == AlertTransition.Raise ? 1 : 0;
                DateTimeOffset? due = rule.NextChange(facts) ?? watches[r].Due(rule);
                next = next is null || due < next ? due ?? next : next;
            }
        }

        TimeSpan elapsed = clock.Elapsed;
        var figures = new Dictionary<string, object>
        {
            ["devices"] = options.Devices,
            ["rules"] = rules.Length,
            ["messages"] = messages,
            ["messagesPerSecond"] = Math.Round(messages / elapsed.TotalSeconds),
            ["pointsPerSecond"] = Math.Round(messages * 3 / elapsed.TotalSeconds),
            ["evaluationsPerSecond"] = Math.Round(evaluations / elapsed.TotalSeconds),
            ["nanosecondsPerMessage"] = Math.Round(elapsed.TotalNanoseconds / messages),
            ["stateBytesPerDevice"] = Math.Round((memoryAfter - memoryBefore) / (double)options.Devices),
            ["raised"] = raised,
        };
        Console.WriteLine($"{options.Devices:N0} devices x {rules.Length} rules, {messages:N0} messages of 3 keys on one core in {elapsed.TotalSeconds:N1} s");
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return Task.FromResult(0);
    }
}
