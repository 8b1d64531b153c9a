namespace Carmen.Silo.Storage.History;

/// <summary>One key of one device: what a row of telemetry_series names and what its chunks hold the points of.</summary>
internal readonly record struct SeriesName(string TenantId, string DeviceId, string Key);
