using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>A field a call changed, with its JSON value before and after (absent where the field was not there).</summary>
public sealed record AuditChangeResponse(string Field, JsonElement? Before, JsonElement? After);
