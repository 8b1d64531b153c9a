using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Api.Contracts;

/// <summary>One device of an incident and how each action went on it.</summary>
public sealed record IncidentDeviceResponse(
    string DeviceId, IncidentDeviceStatus Status, string? ClusterId, IReadOnlyList<IncidentStepResponse> Steps, DateTimeOffset? ContainedAt, DateTimeOffset? ReleasedAt)
{
    public static IncidentDeviceResponse From(IncidentDevice device) => new(
        device.DeviceId, device.Status, device.ClusterId,
        [.. device.Steps.Select(step => new IncidentStepResponse(step.Action, step.Outcome, step.Detail))],
        device.ContainedAt, device.ReleasedAt);
}
