namespace Carmen.Grains.Interfaces.Devices;

/// <summary>Progress of a bulk import and, when asked for, the outcome of every processed row.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceImportStatus")]
public sealed record DeviceImportStatus(
    [property: Id(0)] string ImportId,
    [property: Id(1)] DeviceImportState State,
    [property: Id(2)] int Total,
    [property: Id(3)] int Processed,
    [property: Id(4)] int Succeeded,
    [property: Id(5)] int Failed,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] IReadOnlyList<DeviceRegistrationOutcome>? Rows);
