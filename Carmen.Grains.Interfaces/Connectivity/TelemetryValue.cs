using System.Globalization;
using System.Text.Json;

namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// One telemetry value: numbers and booleans as a double (so they aggregate without parsing), strings and JSON as text.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TelemetryValue")]
public readonly record struct TelemetryValue(
    [property: Id(0)] TelemetryValueKind Kind,
    [property: Id(1)] double Number,
    [property: Id(2)] string? Text)
{
    /// <summary>A number.</summary>
    public static TelemetryValue FromNumber(double number) => new(TelemetryValueKind.Number, number, null);

    /// <summary>A boolean, aggregating as 1 or 0.</summary>
    public static TelemetryValue FromBoolean(bool value) => new(TelemetryValueKind.Boolean, value ? 1 : 0, null);

    /// <summary>A string.</summary>
    public static TelemetryValue FromText(string text) => new(TelemetryValueKind.Text, 0, text);

    /// <summary>A JSON object or array, as its text.</summary>
    public static TelemetryValue FromJson(string json) => new(TelemetryValueKind.Json, 0, json);

    /// <summary>
    /// The value from a JSON element of any kind but null. A number too large for a double (<c>1e400</c>) is refused
    /// with a <see cref="FormatException"/>: an infinity cannot be aggregated, compared or written back as JSON.
    /// </summary>
    public static TelemetryValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => FromNumber(JsonNumbers.Finite(element)),
        JsonValueKind.True => FromBoolean(true),
        JsonValueKind.False => FromBoolean(false),
        JsonValueKind.String => FromText(element.GetString()!),
        JsonValueKind.Object or JsonValueKind.Array => FromJson(element.GetRawText()),
        _ => throw new ArgumentException($"A telemetry value cannot be {element.ValueKind}.", nameof(element)),
    };

    /// <summary>The value as JSON text, as a device sent it (numbers in their shortest round-trip form).</summary>
    /// <remarks>A non-finite number, which no entry accepts but an older store may hold, reads as null.</remarks>
    public string ToJson() => Kind switch
    {
        TelemetryValueKind.Number => double.IsFinite(Number) ? Number.ToString("R", CultureInfo.InvariantCulture) : "null",
        TelemetryValueKind.Boolean => Number != 0 ? "true" : "false",
        TelemetryValueKind.Text => JsonSerializer.Serialize(Text),
        _ => Text ?? "null",
    };
}
