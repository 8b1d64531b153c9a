namespace Carmen.Api.Contracts;

/// <summary>The result part of DDI feedback.</summary>
public sealed record DdiResultContract(string? Finished = null, DdiProgressContract? Progress = null);
