using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Api.Contracts;

/// <summary>
/// Which devices an incident takes: filters combine with AND (a cluster or clusters, every label, type, firmware
/// version), or the devices of a finding of the latest posture check (with clusters only).
/// </summary>
public sealed record IncidentFilterContract(
    string? ClusterId, IReadOnlyList<string>? ClusterIds, string? Label, IReadOnlyList<string>? Labels, string? Type, string? FirmwareVersion,
    PostureFindingKind? PostureFinding);
