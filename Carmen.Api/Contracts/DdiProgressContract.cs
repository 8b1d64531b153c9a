namespace Carmen.Api.Contracts;

/// <summary>Progress in DDI feedback: cnt steps done of "of" (0 when the client does not know how many).</summary>
public sealed record DdiProgressContract(int? Cnt = null, int? Of = null);
