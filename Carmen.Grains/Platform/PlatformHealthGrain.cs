using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Platform;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Platform;

/// <summary>
/// Turns the silos' health observations into platform alerts: one per failing check and subject, raised once however
/// many silos report it and cleared by the rule when it recovers. A silo that left takes its own checks with it,
/// since it will never report them recovered.
/// </summary>
[GrainType("platform-health")]
public sealed partial class PlatformHealthGrain(
    [PersistentState("platform-health", StorageNames.Platform)] IPersistentState<PlatformHealthState> health,
    TimeProvider time,
    ILogger<PlatformHealthGrain> logger) : Grain, IPlatformHealthGrain
{
    public async Task ObserveAsync(IReadOnlyList<HealthObservation> observations, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var changes = new List<Task>();
        foreach (HealthObservation observation in observations)
        {
            string key = Key(observation.Check, observation.Subject);
            bool failing = health.State.Failing.TryGetValue(key, out string? alertId);
            if (observation.Failing && !failing)
            {
                alertId = Guid.CreateVersion7(now).ToString("N");
                health.State.Failing[key] = alertId;
                changes.Add(Alert(alertId).RaiseAsync(Raised(observation, now, health.State.EscalationPathId), cancellationToken));
                LogFailing(observation.Check, observation.Subject, observation.Summary);
            }
            else if (!observation.Failing && failing)
            {
                health.State.Failing.Remove(key);
                changes.Add(Alert(alertId!).ClearByRuleAsync(now, cancellationToken));
                LogRecovered(observation.Check, observation.Subject);
            }

            if (observation.Check == PlatformHealthCheck.SiloLeft && observation.Failing)
            {
                foreach (string orphan in health.State.Failing.Keys.Where(other => other != key && other.EndsWith("/" + observation.Subject, StringComparison.Ordinal)).ToList())
                {
                    changes.Add(Alert(health.State.Failing[orphan]).ClearByRuleAsync(now, cancellationToken));
                    health.State.Failing.Remove(orphan);
                }
            }
        }

        if (changes.Count > 0)
        {
            await health.WriteStateAsync(cancellationToken); // first: a raise retried after a crash must find its alert id
            await Task.WhenAll(changes);
        }
    }

    public Task<long?> GetEscalationPathAsync(CancellationToken cancellationToken) => Task.FromResult(health.State.EscalationPathId);

    public async Task SetEscalationPathAsync(long? pathId, CancellationToken cancellationToken)
    {
        if (pathId is long id)
        {
            await GrainFactory.GetGrain<IAlertRoutingGrain>(IPlatformHealthGrain.AlertScope).GetPathAsync(id, cancellationToken); // it exists
        }

        health.State.EscalationPathId = pathId;
        await health.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> GetFailingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(health.State.Failing));

    private static string Key(PlatformHealthCheck check, string subject) => $"{JsonNamingPolicy.CamelCase.ConvertName(check.ToString())}/{subject}";

    private static AlertRaised Raised(HealthObservation observation, DateTimeOffset now, long? escalationPathId)
    {
        long at = now.ToUnixTimeMilliseconds();
        var details = new Dictionary<string, TimestampedValue>
        {
            ["subject"] = new(at, TelemetryValue.FromText(observation.Subject)),
            ["summary"] = new(at, TelemetryValue.FromText(observation.Summary)),
        };
        return new AlertRaised("", "", PlatformHealthRules.RuleId(observation.Check), PlatformHealthRules.Name(observation.Check),
            PlatformHealthRules.Severity(observation.Check), now, details, JsonNamingPolicy.CamelCase.ConvertName(observation.Check.ToString()), escalationPathId);
    }

    private IAlertGrain Alert(string alertId) => GrainFactory.GetGrain<IAlertGrain>(new AlertKey(IPlatformHealthGrain.AlertScope, alertId).ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform health: {Check} failing for {Subject}: {Summary}")]
    private partial void LogFailing(PlatformHealthCheck check, string subject, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platform health: {Check} recovered for {Subject}")]
    private partial void LogRecovered(PlatformHealthCheck check, string subject);
}
