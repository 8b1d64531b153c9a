using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>A device succeeds only if expression holds over its telemetry for window ("HH:MM:SS") after it reported success, and it keeps sending when requireHeartbeat.</summary>
public sealed record HealthGateContract(string? Expression = null, string? Window = null, bool RequireHeartbeat = false)
{
    public static HealthGateContract? From(HealthGate? gate) => gate is null
        ? null
        : new(gate.Expression, Durations.Format(gate.Window), gate.RequireHeartbeat);
}
