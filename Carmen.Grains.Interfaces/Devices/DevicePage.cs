namespace Carmen.Grains.Interfaces.Devices;

/// <summary>One page of a device listing, the number of devices matching the filters, and the token for the next page (null on the last).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DevicePage")]
public sealed record DevicePage(
    [property: Id(0)] IReadOnlyList<DeviceSummary> Items,
    [property: Id(1)] long Total,
    [property: Id(2)] string? ContinuationToken);
