using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>A new application release: its version, what changed, and the configuration document (a JSON object; empty when omitted).</summary>
public sealed record PublishReleaseRequest(string? Version, string? Changelog = null, JsonElement? Configuration = null);
