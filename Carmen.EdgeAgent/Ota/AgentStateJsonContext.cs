using System.Text.Json.Serialization;
using Carmen.EdgeAgent.Attributes;

namespace Carmen.EdgeAgent.Ota;

/// <summary>Source-generated JSON for the agent's own state files (no reflection: the agent is trimmed and AOT-compiled).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(InstalledSoftware))]
[JsonSerializable(typeof(PendingInstall))]
internal sealed partial class AgentStateJsonContext : JsonSerializerContext;
