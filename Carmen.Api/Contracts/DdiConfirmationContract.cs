using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>DDI confirmation feedback: {"confirmation":"confirmed|denied","code"?,"details"?:[...]}.</summary>
public sealed record DdiConfirmationContract(string? Confirmation = null, int? Code = null, IReadOnlyList<JsonElement>? Details = null);

/// <summary>DDI auto-confirm activation: {"initiator"?,"remark"?}.</summary>
public sealed record DdiAutoConfirmContract(string? Initiator = null, string? Remark = null);
