using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Grains.Alerts;

/// <summary>A rule ready to evaluate: its conditions parsed once per revision and shared by every device of a silo.</summary>
public sealed class CompiledAlertRule
{
    private CompiledAlertRule(AlertRule rule, AlertCondition condition, AlertCondition? clear)
    {
        (Rule, Condition, Clear) = (rule, condition, clear);
        Keys = new HashSet<string>(condition.Keys.Concat(clear?.Keys ?? []), StringComparer.Ordinal);
    }

    public AlertRule Rule { get; }

    public AlertCondition Condition { get; }

    public AlertCondition? Clear { get; }

    public long Id => Rule.Id;

    /// <summary>Whether the rule's scope is a business unit, so devices must know which unit their cluster is under.</summary>
    public bool ScopedToBusinessUnit => Rule.Definition.Scope.Kind == AlertScopeKind.BusinessUnit;

    /// <summary>The telemetry keys either condition reads: a message carrying none of them cannot change the outcome.</summary>
    public IReadOnlySet<string> Keys { get; }

    /// <summary>The next moment time passing alone changes either condition, if one is ahead.</summary>
    public DateTimeOffset? NextChange(in AlertFacts facts) => Moments.Earliest(Condition.NextChange(facts), Clear?.NextChange(facts));

    public TimeSpan For => TimeSpan.FromSeconds(Rule.Definition.ForSeconds);

    /// <summary>Parses and checks a definition; a fault is a validation error naming its field (<c>condition.all[0].op</c>, <c>repeat.count</c>).</summary>
    public static CompiledAlertRule Compile(AlertRule rule)
    {
        AlertRuleDraft draft = rule.Definition;
        AlertCondition condition = AlertCondition.Parse(draft.Condition, "condition");
        AlertCondition? clear = draft.ClearCondition is string text ? AlertCondition.Parse(text, "clearCondition") : null;
        if (draft.ForSeconds is < 0 or > 86_400)
        {
            throw CarmenException.Invalid("forSeconds", "forSeconds is 0 to 86400 (a day).");
        }

        if (draft.Repeat is AlertRepeat repeat)
        {
            if (repeat.Count is < 2 or > 1000)
            {
                throw CarmenException.Invalid("repeat.count", "repeat.count is 2 to 1000.");
            }

            if (repeat.WithinMinutes is < 1 or > 1440)
            {
                throw CarmenException.Invalid("repeat.withinMinutes", "repeat.withinMinutes is 1 to 1440 (a day).");
            }

            if (draft.ForSeconds > 0)
            {
                throw CarmenException.Invalid("repeat", "A rule either holds for forSeconds or repeats; not both.");
            }
        }

        return new CompiledAlertRule(rule, condition, clear);
    }

    /// <summary>Whether the rule watches a device with this placement, type and labels.</summary>
    public bool Covers(string clusterId, string? businessUnitId, string? deviceType, IReadOnlyCollection<string> labels)
    {
        AlertScope scope = Rule.Definition.Scope;
        return scope.Kind switch
        {
            AlertScopeKind.Tenant => true,
            AlertScopeKind.Cluster => scope.Id == clusterId,
            AlertScopeKind.BusinessUnit => scope.Id == businessUnitId,
            AlertScopeKind.DeviceType => scope.Id == deviceType,
            _ => scope.Id is string label && labels.Contains(label),
        };
    }
}
