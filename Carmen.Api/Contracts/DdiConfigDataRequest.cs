using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>DDI configData: {"mode":"merge|replace|remove","data":{"key":"value",...}}; mode defaults to merge.</summary>
public sealed record DdiConfigDataRequest(string? Mode = null, Dictionary<string, JsonElement>? Data = null);
