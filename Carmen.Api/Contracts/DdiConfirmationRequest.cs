using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>DDI confirmation feedback: {"confirmation":"confirmed|denied","code"?,"details"?:[...]}.</summary>
public sealed record DdiConfirmationRequest(string? Confirmation = null, int? Code = null, IReadOnlyList<JsonElement>? Details = null);
