using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Api.Contracts;

/// <summary>One finding: its kind, severity, what it means, its devices, and the mitigation Carmen offers (an incident to open), if any.</summary>
public sealed record PostureFindingResponse(
    PostureFindingKind Kind, string Severity, string Summary, int DeviceCount, IReadOnlyList<PostureDeviceResponse> Devices, CreateIncidentRequest? Mitigation);
