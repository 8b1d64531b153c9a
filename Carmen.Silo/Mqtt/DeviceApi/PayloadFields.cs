using System.Text.Json;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>Fields of the device API's JSON payloads, read as leniently as ThingsBoard does and refused with a message naming the field.</summary>
internal static class PayloadFields
{
    /// <summary>A string field: null when absent or null; a <see cref="FormatException"/> when not a string or longer than <paramref name="maxLength"/>.</summary>
    public static string? OptionalString(JsonElement root, string property, int maxLength = int.MaxValue) =>
        !root.TryGetProperty(property, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= maxLength ? value.GetString()
        : throw new FormatException(maxLength == int.MaxValue
            ? $"\"{property}\" is a string."
            : $"\"{property}\" is a string of at most {maxLength} characters.");
}
