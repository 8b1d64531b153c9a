using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>The status part of DDI feedback; details are lines of text (numbers and booleans taken as their text, as hawkBit does).</summary>
public sealed record DdiStatusContract(string? Execution = null, DdiResultContract? Result = null, IReadOnlyList<JsonElement>? Details = null, int? Code = null);
