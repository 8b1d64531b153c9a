using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Api.Contracts;

/// <summary>
/// Opens an incident over <see cref="Devices"/> (ids) or the devices <see cref="Filter"/> finds, running
/// <see cref="Actions"/> on each: quarantine, revokeCertificates, rotateTokens, disconnect, blockEnrollment.
/// </summary>
public sealed record CreateIncidentRequest(string? Title, IReadOnlyList<string>? Devices, IncidentFilterContract? Filter, IReadOnlyList<IncidentAction>? Actions);
