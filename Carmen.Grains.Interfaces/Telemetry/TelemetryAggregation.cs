namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>How history is reduced per time bucket; <see cref="None"/> returns the raw points.</summary>
[GenerateSerializer, Alias("Carmen.TelemetryAggregation")]
public enum TelemetryAggregation
{
    /// <summary>Raw points.</summary>
    None = 0,

    /// <summary>Mean of the numeric values in each bucket.</summary>
    Avg = 1,

    /// <summary>Smallest numeric value in each bucket.</summary>
    Min = 2,

    /// <summary>Largest numeric value in each bucket.</summary>
    Max = 3,

    /// <summary>Number of points in each bucket.</summary>
    Count = 4,
}
