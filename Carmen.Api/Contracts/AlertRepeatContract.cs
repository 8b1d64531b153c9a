namespace Carmen.Api.Contracts;

/// <summary>"count" times within "withinMinutes".</summary>
public sealed record AlertRepeatContract(int? Count = null, int? WithinMinutes = null);
