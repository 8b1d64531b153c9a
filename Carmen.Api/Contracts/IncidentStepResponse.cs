using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Api.Contracts;

/// <summary>One action on one device: done, skipped or failed, with a word on why.</summary>
public sealed record IncidentStepResponse(IncidentAction Action, IncidentStepOutcome Outcome, string? Detail);
