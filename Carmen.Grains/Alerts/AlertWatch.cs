using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Grains.Alerts;

/// <summary>
/// One rule's evaluation state on one device, kept in memory with the device: since when the condition has held
/// (for <c>forSeconds</c>), when it was seen true lately (for <c>repeat</c>), since when it has been false (to clear
/// without a clear condition), and whether an alert is active. Undecided evaluations change nothing.
/// </summary>
public sealed class AlertWatch
{
    private Queue<DateTimeOffset>? _hits; // only a repeating rule counts hits
    private DateTimeOffset? _trueSince;
    private DateTimeOffset? _falseSince;
    private bool _dipped;
    private bool _awaitFalse;

    /// <summary>Whether this rule's alert is active on the device.</summary>
    public bool Active { get; private set; }

    /// <summary>
    /// When the watch changes if nothing else happens: a condition holding, but not yet for forSeconds, raises then;
    /// a negation held, but not yet long enough, clears then.
    /// </summary>
    public DateTimeOffset? Due(CompiledAlertRule rule) => (Active ? _falseSince : _trueSince) + rule.For;

    public AlertTransition Observe(CompiledAlertRule rule, in AlertFacts facts)
    {
        bool? raised = rule.Condition.Evaluate(facts);
        return Active ? WhileActive(rule, raised, facts) : WhileQuiet(rule, raised, facts.Now);
    }

    /// <summary>
    /// Sets whether the alert is active: it was raised before this watch existed (the device's grain reactivated), or
    /// it was cleared (by its rule or an operator). After a clear, a new alert needs the condition to go false first,
    /// so a clear is not undone by the next message.
    /// </summary>
    public void Reset(bool active)
    {
        (Active, _awaitFalse, _dipped, _trueSince, _falseSince) = (active, !active, false, null, null);
        _hits?.Clear();
    }

    private AlertTransition WhileQuiet(CompiledAlertRule rule, bool? raised, DateTimeOffset now)
    {
        if (raised != true)
        {
            if (raised == false)
            {
                (_trueSince, _awaitFalse) = (null, false);
            }

            return AlertTransition.None;
        }

        if (_awaitFalse)
        {
            return AlertTransition.None;
        }

        if (rule.Rule.Definition.Repeat is AlertRepeat repeat)
        {
            _hits ??= new Queue<DateTimeOffset>();
            _hits.Enqueue(now);
            while (_hits.Peek() <= now - TimeSpan.FromMinutes(repeat.WithinMinutes))
            {
                _hits.Dequeue();
            }

            if (_hits.Count < repeat.Count)
            {
                return AlertTransition.None;
            }
        }
        else
        {
            _trueSince ??= now;
            if (now - _trueSince < rule.For)
            {
                return AlertTransition.None;
            }
        }

        Reset(active: true);
        return AlertTransition.Raise;
    }

    private AlertTransition WhileActive(CompiledAlertRule rule, bool? raised, in AlertFacts facts)
    {
        // Without a clear condition the negation clears, once held as long as the condition had to hold; an event
        // is a moment, so its absence clears nothing.
        bool? cleared = rule.Clear is AlertCondition clear ? clear.Evaluate(facts)
            : rule.Condition.WatchesEvent ? null
            : !raised;
        if (cleared == true)
        {
            if (rule.Clear is null)
            {
                _falseSince ??= facts.Now;
                if (facts.Now - _falseSince < rule.For)
                {
                    return AlertTransition.None;
                }
            }

            Reset(active: false);
            _awaitFalse = raised != false; // a new alert only once the condition was false, so an explicit clear does not flap
            return AlertTransition.Clear;
        }

        if (cleared == false)
        {
            _falseSince = null;
        }

        if (raised == false)
        {
            _dipped = true;
        }
        else if (raised == true && _dipped)
        {
            _dipped = false;
            return AlertTransition.Recur;
        }

        return AlertTransition.None;
    }
}
