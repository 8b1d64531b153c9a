using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Tests;

/// <summary>Rule evaluation on its own: conditions, durations, OR, repetition and clearing, on a clock the test moves.</summary>
public sealed class AlertEvaluationTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, TimestampedValue> _latest = [];

    [Theory]
    [InlineData("""{"key":"cpu","op":"above","value":80}""", "condition.op")]
    [InlineData("""{"any":[{"key":"cpu","op":"gt","value":80},{"key":"temp","op":"gt","value":"hot"}]}""", "condition.any[1].value")]
    [InlineData("""{"all":[{"key":"cpu","op":"gt","value":80},{"noData":{"key":"cpu","minutes":0}}]}""", "condition.all[1].noData.minutes")]
    [InlineData("""{"all":[]}""", "condition.all")]
    [InlineData("""{"key":"cpu","op":"gt","value":80,"for":5}""", "condition.for")]
    [InlineData("""{"event":"reboot"}""", "condition.event")]
    [InlineData("""{"key":"cpu","op":"gt","value":80""", "condition")]
    [InlineData("""{"key":"","op":"gt","value":80}""", "condition.key")]
    public void AMalformedConditionIsRefusedAtItsPosition(string json, string field)
    {
        Action parse = () => AlertCondition.Parse(json, "condition");

        parse.Should().Throw<CarmenException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void AnyIsTrueWhenOnePartIsAndUndecidedOnlyWhileNothingDecidesIt()
    {
        AlertCondition condition = AlertCondition.Parse("""{"any":[{"key":"cpu","op":"gt","value":80},{"key":"state","op":"eq","value":"fault"}]}""", "condition");

        bool? nothingSent = condition.Evaluate(Facts(s_start));
        Send("cpu", 50);
        bool? oneFalseOneUnknown = condition.Evaluate(Facts(s_start));
        Send("state", "fault");
        bool? textMatches = condition.Evaluate(Facts(s_start));
        Send("state", "ok");
        bool? bothFalse = condition.Evaluate(Facts(s_start));

        (nothingSent, oneFalseOneUnknown, textMatches, bothFalse).Should().Be(((bool?)null, (bool?)null, (bool?)true, (bool?)false));
    }

    [Fact]
    public void ARuleWithForSecondsRaisesOnlyOnceTheConditionHeldThatLongAndClearsAfterItsNegationHeldAsLong()
    {
        CompiledAlertRule rule = Rule("""{"key":"temp","op":"gte","value":80}""", forSeconds: 60);
        var watch = new AlertWatch();

        List<AlertTransition> seen =
        [
            Observe(watch, rule, "temp", 85, s_start),
            Observe(watch, rule, "temp", 70, s_start.AddSeconds(30)), // a dip restarts the wait
            Observe(watch, rule, "temp", 90, s_start.AddSeconds(40)),
            Observe(watch, rule, "temp", 91, s_start.AddSeconds(99)),
            Observe(watch, rule, "temp", 92, s_start.AddSeconds(100)),
            Observe(watch, rule, "temp", 60, s_start.AddSeconds(130)),
            Observe(watch, rule, "temp", 60, s_start.AddSeconds(189)),
            Observe(watch, rule, "temp", 60, s_start.AddSeconds(190)),
        ];

        seen.Should().Equal(
            AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.Raise,
            AlertTransition.None, AlertTransition.None, AlertTransition.Clear);
    }

    [Fact]
    public void ARepeatingRuleRaisesOnTheNthTimeWithinItsWindowAndForgetsOlderTimes()
    {
        CompiledAlertRule rule = Rule("""{"key":"door","op":"eq","value":true}""", repeat: new AlertRepeat(3, WithinMinutes: 10));
        var watch = new AlertWatch();

        List<AlertTransition> seen =
        [
            Observe(watch, rule, "door", true, s_start),
            Observe(watch, rule, "door", true, s_start.AddMinutes(4)),
            Observe(watch, rule, "door", true, s_start.AddMinutes(11)), // the first is out of the window: two within it
            Observe(watch, rule, "door", true, s_start.AddMinutes(12)),
        ];

        seen.Should().Equal(AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.Raise);
    }

    [Fact]
    public void AnExplicitClearConditionClearsAndANewAlertNeedsTheConditionToFallAndRiseAgain()
    {
        CompiledAlertRule rule = Rule("""{"key":"temp","op":"gt","value":80}""", clear: """{"key":"temp","op":"lt","value":70}""");
        var watch = new AlertWatch();

        List<AlertTransition> seen =
        [
            Observe(watch, rule, "temp", 85, s_start),
            Observe(watch, rule, "temp", 75, s_start.AddSeconds(1)), // between the two: still active
            Observe(watch, rule, "temp", 86, s_start.AddSeconds(2)), // true again after a dip: one more occurrence
            Observe(watch, rule, "temp", 65, s_start.AddSeconds(3)),
            Observe(watch, rule, "temp", 85, s_start.AddSeconds(4)),
        ];

        seen.Should().Equal(AlertTransition.Raise, AlertTransition.None, AlertTransition.Recur, AlertTransition.Clear, AlertTransition.Raise);
    }

    [Fact]
    public void AnAlertClearedByAnOperatorIsNotRaisedAgainUntilTheConditionFellFirst()
    {
        CompiledAlertRule rule = Rule("""{"key":"temp","op":"gt","value":80}""");
        var watch = new AlertWatch();

        AlertTransition raised = Observe(watch, rule, "temp", 85, s_start);
        watch.Reset(active: false);
        AlertTransition stillHot = Observe(watch, rule, "temp", 86, s_start.AddSeconds(1));
        AlertTransition cooled = Observe(watch, rule, "temp", 60, s_start.AddSeconds(2));
        AlertTransition hotAgain = Observe(watch, rule, "temp", 90, s_start.AddSeconds(3));

        (raised, stillHot, cooled, hotAgain).Should().Be((AlertTransition.Raise, AlertTransition.None, AlertTransition.None, AlertTransition.Raise));
    }

    [Fact]
    public void NoDataAndOfflineDependOnTimePassingAndAnEventAlertDoesNotClearByItself()
    {
        AlertCondition noData = AlertCondition.Parse("""{"noData":{"key":"flow","minutes":5}}""", "condition");
        AlertCondition offline = AlertCondition.Parse("""{"offline":{"minutes":5}}""", "condition");
        CompiledAlertRule otaFailed = Rule("""{"event":"otaFailed"}""");
        var watch = new AlertWatch();
        Send("flow", 3.5, at: s_start);

        bool? freshData = noData.Evaluate(Facts(s_start.AddMinutes(4)));
        bool? staleData = noData.Evaluate(Facts(s_start.AddMinutes(5)));
        bool? online = offline.Evaluate(Facts(s_start.AddMinutes(10)));
        bool? offlineBriefly = offline.Evaluate(Facts(s_start.AddMinutes(10)) with { OfflineSince = s_start.AddMinutes(6) });
        bool? offlineLong = offline.Evaluate(Facts(s_start.AddMinutes(11)) with { OfflineSince = s_start.AddMinutes(6) });
        AlertTransition failed = watch.Observe(otaFailed, Facts(s_start) with { Event = "otaFailed" });
        AlertTransition laterTelemetry = watch.Observe(otaFailed, Facts(s_start.AddMinutes(1)));
        AlertTransition failedAgain = watch.Observe(otaFailed, Facts(s_start.AddMinutes(2)) with { Event = "otaFailed" });

        (freshData, staleData, online, offlineBriefly, offlineLong).Should().Be(((bool?)false, (bool?)true, (bool?)false, (bool?)false, (bool?)true));
        noData.NextChange(Facts(s_start.AddMinutes(4))).Should().Be(s_start.AddMinutes(5), "the data turns stale then");
        noData.NextChange(Facts(s_start.AddMinutes(6))).Should().BeNull("stale data stays stale until a message");
        offline.NextChange(Facts(s_start.AddMinutes(10)) with { OfflineSince = s_start.AddMinutes(6) }).Should().Be(s_start.AddMinutes(11));
        otaFailed.NextChange(Facts(s_start)).Should().BeNull();
        (failed, laterTelemetry, failedAgain, watch.Active).Should().Be((AlertTransition.Raise, AlertTransition.None, AlertTransition.Recur, true));
    }

    [Theory]
    [InlineData(-1, null, "forSeconds")]
    [InlineData(0, 1, "repeat.count")]
    [InlineData(30, 3, "repeat")]
    public void RuleSettingsAreCheckedWithTheirField(int forSeconds, int? repeatCount, string field)
    {
        Action compile = () => Rule("""{"key":"cpu","op":"gt","value":1}""", forSeconds, repeatCount is int count ? new AlertRepeat(count, 10) : null);

        compile.Should().Throw<CarmenException>().Which.Field.Should().Be(field);
    }

    private AlertTransition Observe(AlertWatch watch, CompiledAlertRule rule, string key, object value, DateTimeOffset at)
    {
        Send(key, value, at);
        return watch.Observe(rule, Facts(at));
    }

    private void Send(string key, object value, DateTimeOffset? at = null) =>
        _latest[key] = new TimestampedValue((at ?? s_start).ToUnixTimeMilliseconds(), value switch
        {
            bool flag => TelemetryValue.FromBoolean(flag),
            string text => TelemetryValue.FromText(text),
            _ => TelemetryValue.FromNumber(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        });

    private AlertFacts Facts(DateTimeOffset now) => new(_latest, now);

    private static CompiledAlertRule Rule(string condition, int forSeconds = 0, AlertRepeat? repeat = null, string? clear = null) =>
        CompiledAlertRule.Compile(new AlertRule(1, new AlertRuleDraft("rule", AlertSeverity.Major, AlertScope.Tenant, condition, clear, forSeconds, repeat), 1, s_start, s_start));
}
