namespace Carmen.Api.Contracts;

/// <summary>The record of an incident for its report: the incident with its timeline, and every device with its steps.</summary>
public sealed record IncidentExportResponse(DateTimeOffset ExportedAt, AuditActorResponse ExportedBy, IncidentResponse Incident, IReadOnlyList<IncidentDeviceResponse> Devices);
