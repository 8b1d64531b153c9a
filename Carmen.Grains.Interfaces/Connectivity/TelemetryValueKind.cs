namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>The JSON type of a telemetry or attribute value, as ThingsBoard distinguishes them.</summary>
[GenerateSerializer, Alias("Carmen.TelemetryValueKind")]
public enum TelemetryValueKind
{
    /// <summary>A JSON number.</summary>
    Number = 0,

    /// <summary>true or false.</summary>
    Boolean = 1,

    /// <summary>A JSON string.</summary>
    Text = 2,

    /// <summary>A JSON object or array, kept as its JSON text.</summary>
    Json = 3,
}
