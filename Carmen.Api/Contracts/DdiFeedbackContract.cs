namespace Carmen.Api.Contracts;

/// <summary>DDI feedback: {"id"?, "time"?, "status":{"execution","result":{"finished","progress":{"cnt","of"}},"details":[...]}}.</summary>
public sealed record DdiFeedbackContract(string? Id = null, string? Time = null, DdiStatusContract? Status = null);

/// <summary>The status part of DDI feedback.</summary>
public sealed record DdiStatusContract(string? Execution = null, DdiResultContract? Result = null, IReadOnlyList<string>? Details = null, int? Code = null);

/// <summary>The result part of DDI feedback.</summary>
public sealed record DdiResultContract(string? Finished = null, DdiProgressContract? Progress = null);

/// <summary>Progress in DDI feedback: cnt steps done of "of".</summary>
public sealed record DdiProgressContract(int? Cnt = null, int? Of = null);
