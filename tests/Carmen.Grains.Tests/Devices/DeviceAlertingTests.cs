using Carmen.Grains.Alerts;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Tests.Devices;

/// <summary>A device's alert evaluator on its own: which rules a message wakes, when rules are picked again, and the next moment.</summary>
public sealed class DeviceAlertingTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] s_noLabels = [];

    [Fact]
    public void AMessageWakesOnlyTheRulesReadingItsKeys()
    {
        var alerting = new DeviceAlerting();
        CompiledAlertRule[] rules = alerting.Covering(Rules(Rule(1, "temp"), Rule(2, "cpu")), "c1", null, s_noLabels);
        Dictionary<string, TimestampedValue> latest = new() { ["temp"] = new(s_start.ToUnixTimeMilliseconds(), TelemetryValue.FromNumber(95)) };

        (int evaluated, var changes) = alerting.Evaluate(rules, new AlertFacts(latest, s_start), [new TelemetryPoint(0, "temp", TelemetryValue.FromNumber(95))], new Dictionary<long, string>());

        evaluated.Should().Be(1);
        changes.Should().ContainSingle().Which.Should().Be((rules[0], AlertTransition.Raise));
    }

    [Fact]
    public void AnActiveAlertIsNotRaisedAgainByAFreshWatch()
    {
        var alerting = new DeviceAlerting();
        CompiledAlertRule[] rules = alerting.Covering(Rules(Rule(1, "temp")), "c1", null, s_noLabels);
        Dictionary<string, TimestampedValue> latest = new() { ["temp"] = new(0, TelemetryValue.FromNumber(95)) };

        (_, var changes) = alerting.Evaluate(rules, new AlertFacts(latest, s_start), null, new Dictionary<long, string> { [1] = "a1" });

        changes.Should().BeNull("the device's saved state says rule 1 already has an alert");
    }

    [Fact]
    public void RulesArePickedAgainOnlyWhenTheyOrThePlacementChange()
    {
        var alerting = new DeviceAlerting();
        TenantAlertRules tenantRules = Rules(Rule(1, "temp", cluster: "c1"));

        CompiledAlertRule[] inC1 = alerting.Covering(tenantRules, "c1", null, s_noLabels);
        CompiledAlertRule[] stillSeen = alerting.Covering(tenantRules, "c2", null, s_noLabels);
        alerting.PlacementChanged();
        CompiledAlertRule[] inC2 = alerting.Covering(tenantRules, "c2", null, s_noLabels);

        (inC1.Length, stillSeen.Length, inC2.Length).Should().Be((1, 1, 0));
    }

    [Fact]
    public void TheNextMomentIsWhenAHeldConditionHasHeldLongEnough()
    {
        var alerting = new DeviceAlerting();
        CompiledAlertRule[] rules = alerting.Covering(Rules(Rule(1, "temp", forSeconds: 60)), "c1", null, s_noLabels);
        Dictionary<string, TimestampedValue> latest = new() { ["temp"] = new(0, TelemetryValue.FromNumber(95)) };
        var facts = new AlertFacts(latest, s_start);

        (_, var changes) = alerting.Evaluate(rules, facts, null, new Dictionary<long, string>());

        changes.Should().BeNull("the condition has not held for a minute yet");
        alerting.NextMoment(rules, facts).Should().Be(s_start.AddSeconds(60));
    }

    private static TenantAlertRules Rules(params CompiledAlertRule[] rules) => new(1, rules, new Dictionary<string, string> { ["c1"] = "bu", ["c2"] = "bu" });

    private static CompiledAlertRule Rule(long id, string key, int forSeconds = 0, string? cluster = null) =>
        CompiledAlertRule.Compile(new AlertRule(
            id,
            new AlertRuleDraft($"rule {id}", AlertSeverity.Major, cluster is null ? AlertScope.Tenant : new AlertScope(AlertScopeKind.Cluster, cluster), $$"""{"key":"{{key}}","op":"gt","value":80}""", null, forSeconds, null),
            1, s_start, s_start));
}
