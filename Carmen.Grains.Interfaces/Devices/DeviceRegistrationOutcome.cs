namespace Carmen.Grains.Interfaces.Devices;

/// <summary>The result for one draft of a batch: the registration, or the errors that kept it from being created.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceRegistrationOutcome")]
public sealed record DeviceRegistrationOutcome(
    [property: Id(0)] int Index,
    [property: Id(1)] string? DeviceId,
    [property: Id(2)] DeviceRegistration? Registration,
    [property: Id(3)] IReadOnlyList<RowError> Errors)
{
    /// <summary>True when the device was created.</summary>
    public bool Succeeded => Registration is not null;
}
