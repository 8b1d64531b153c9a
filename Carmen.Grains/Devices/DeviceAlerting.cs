using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Devices;

/// <summary>
/// The alert evaluator's state for one device, in memory: which of the tenant's rules cover the device (picked again
/// only when the rules or the device's placement change), a watch per rule (rebuilt when its rule changes), and the
/// next moment time alone changes an outcome. No grain in it: the device grain saves which alerts are active, calls
/// the alert grains and arms its timer from what this decides.
/// </summary>
internal sealed class DeviceAlerting
{
    private readonly Dictionary<long, RuleWatch> _watches = [];
    private TenantAlertRules? _rulesSeen;
    private CompiledAlertRule[] _covering = [];

    /// <summary>The rules covering a device placed so now; a new pick only when the tenant's rules changed (or <see cref="PlacementChanged"/>).</summary>
    public CompiledAlertRule[] Covering(TenantAlertRules rules, string clusterId, string? deviceType, IReadOnlyCollection<string> labels)
    {
        if (!ReferenceEquals(rules, _rulesSeen))
        {
            _covering = rules.Covering(clusterId, deviceType, labels);
            _rulesSeen = rules;

            // A rule deleted or disabled leaves its alerts to the operators; a changed one is watched afresh.
            HashSet<long> known = [.. rules.Rules.Select(rule => rule.Id)];
            foreach (long gone in _watches.Keys.Where(id => !known.Contains(id)).ToList())
            {
                _watches.Remove(gone);
            }
        }

        return _covering;
    }

    /// <summary>Forgets the covering rules, after the device's cluster, type or labels changed.</summary>
    public void PlacementChanged() => _rulesSeen = null;

    /// <summary>
    /// Observes the facts with each rule the evaluation concerns (with <paramref name="points"/>, only those reading one
    /// of their keys) and answers how many were evaluated and the transitions they made. <paramref name="active"/> says
    /// which rules have an alert active, for a watch built afresh.
    /// </summary>
    public (int Evaluated, List<(CompiledAlertRule Rule, AlertTransition Transition)>? Changes) Evaluate(
        CompiledAlertRule[] rules, in AlertFacts facts, TelemetryPoint[]? points, IReadOnlyDictionary<long, string> active)
    {
        List<(CompiledAlertRule Rule, AlertTransition Transition)>? changes = null;
        int evaluated = 0;
        foreach (CompiledAlertRule rule in rules)
        {
            if (points is not null && !Reads(rule, points))
            {
                continue;
            }

            evaluated++;
            AlertTransition transition = Watch(rule, active.ContainsKey(rule.Id)).Observe(rule, facts);
            if (transition != AlertTransition.None)
            {
                (changes ??= []).Add((rule, transition));
            }
        }

        return (evaluated, changes);
    }

    /// <summary>The earliest moment time alone changes one of the rules' outcomes, or null when none is ahead.</summary>
    public DateTimeOffset? NextMoment(CompiledAlertRule[] rules, in AlertFacts facts)
    {
        DateTimeOffset? next = null;
        foreach (CompiledAlertRule rule in rules)
        {
            next = Moments.Earliest(next, Moments.Earliest(rule.NextChange(facts), _watches.GetValueOrDefault(rule.Id)?.Watch.Due(rule)));
        }

        return next;
    }

    /// <summary>The rule's alert ended outside the watch (cleared by an operator): the watch starts over as inactive.</summary>
    public void Forget(long ruleId) => _watches.GetValueOrDefault(ruleId)?.Watch.Reset(active: false);

    /// <summary>The values an alert of the rule shows: the event's, then the rule's keys as the device last sent them.</summary>
    public static Dictionary<string, TimestampedValue> Details(CompiledAlertRule rule, in AlertFacts facts, Dictionary<string, TimestampedValue>? eventDetails)
    {
        var details = new Dictionary<string, TimestampedValue>(eventDetails ?? [], StringComparer.Ordinal);
        foreach (string key in rule.Keys)
        {
            if (facts.Latest.TryGetValue(key, out TimestampedValue value))
            {
                details[key] = value;
            }
        }

        return details;
    }

    private AlertWatch Watch(CompiledAlertRule rule, bool active)
    {
        if (!_watches.TryGetValue(rule.Id, out RuleWatch? watch) || watch.Revision != rule.Rule.Revision)
        {
            var fresh = new AlertWatch();
            if (active)
            {
                fresh.Reset(active: true);
            }

            _watches[rule.Id] = watch = new RuleWatch(rule.Rule.Revision, fresh);
        }

        return watch.Watch;
    }

    private static bool Reads(CompiledAlertRule rule, TelemetryPoint[] points)
    {
        foreach (TelemetryPoint point in points)
        {
            if (rule.Keys.Contains(point.Key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One rule's watch, and the revision of the rule it was built for.</summary>
    private sealed record RuleWatch(int Revision, AlertWatch Watch);
}
