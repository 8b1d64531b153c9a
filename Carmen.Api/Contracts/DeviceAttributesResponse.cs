using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>A device's attributes by scope: reported by the device, set for it by operators, and server-only.</summary>
public sealed record DeviceAttributesResponse(
    IReadOnlyDictionary<string, JsonElement> Client,
    IReadOnlyDictionary<string, JsonElement> Shared,
    IReadOnlyDictionary<string, JsonElement> Server);
