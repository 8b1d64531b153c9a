namespace Carmen.Api.Contracts;

/// <summary>An exponential ramp: the first minute's rate and the factor each following minute multiplies it by (default 2).</summary>
public sealed record RampContract(int? StartPerMinute = null, double? Factor = null);
