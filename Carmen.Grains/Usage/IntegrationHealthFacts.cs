using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Grains.Usage;

/// <summary>
/// One key's health as an integrationHealth rule reads it: over the last <see cref="Window"/>, <c>calls</c>,
/// <c>errorRatePercent</c> (4xx and 5xx), <c>clientErrorRatePercent</c>, <c>serverErrorRatePercent</c> and
/// <c>p95Ms</c>; over the last 24 h, <c>lastHourCalls</c>, <c>hourlyAverage</c> and <c>volumeChange</c> ("spike",
/// "drop" or "steady"); <c>daysUnused</c>; and to tell keys apart, <c>keyId</c>, <c>keyName</c> and
/// <c>serviceAccountId</c>.
/// </summary>
public static class IntegrationHealthFacts
{
    /// <summary>The recent period error rates and latency are taken over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The period volume is averaged over.</summary>
    public static readonly TimeSpan VolumePeriod = TimeSpan.FromHours(24);

    public static Dictionary<string, TimestampedValue> Of(ApiKeyInfo key, string serviceAccountId, IReadOnlyCollection<ApiUsageSample> day, DateTimeOffset now)
    {
        KeyHealth recent = KeyHealth.Of([.. day.Where(row => row.Minute >= now - Window)], now, Window);
        KeyHealth daily = KeyHealth.Of(day, now, VolumePeriod);
        long at = now.ToUnixTimeMilliseconds();
        var facts = new Dictionary<string, TimestampedValue>(StringComparer.Ordinal)
        {
            ["calls"] = new(at, TelemetryValue.FromNumber(recent.Calls)),
            ["errorRatePercent"] = new(at, TelemetryValue.FromNumber(Percent(recent.ClientErrorRate + recent.ServerErrorRate))),
            ["clientErrorRatePercent"] = new(at, TelemetryValue.FromNumber(Percent(recent.ClientErrorRate))),
            ["serverErrorRatePercent"] = new(at, TelemetryValue.FromNumber(Percent(recent.ServerErrorRate))),
            ["lastHourCalls"] = new(at, TelemetryValue.FromNumber(daily.LastHourCalls)),
            ["hourlyAverage"] = new(at, TelemetryValue.FromNumber(daily.HourlyAverage)),
            ["volumeChange"] = new(at, TelemetryValue.FromText(daily.VolumeChange ?? "steady")),
            ["daysUnused"] = new(at, TelemetryValue.FromNumber(Math.Floor((now - (key.LastUsedAt ?? key.CreatedAt)).TotalDays))),
            ["keyId"] = new(at, TelemetryValue.FromText(key.Id)),
            ["keyName"] = new(at, TelemetryValue.FromText(key.Name)),
            ["serviceAccountId"] = new(at, TelemetryValue.FromText(serviceAccountId)),
        };
        if (recent.P95Ms is double p95)
        {
            facts["p95Ms"] = new(at, TelemetryValue.FromNumber(p95));
        }

        return facts;
    }

    /// <summary>The facts a rule is evaluated against.</summary>
    public static AlertFacts ForRule(IReadOnlyDictionary<string, TimestampedValue> facts, DateTimeOffset now) =>
        new(facts, now, Event: AlertCondition.IntegrationHealth);

    private static double Percent(double rate) => Math.Round(rate * 100, 2);
}
