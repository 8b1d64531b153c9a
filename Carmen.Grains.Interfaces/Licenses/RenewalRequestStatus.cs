namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>Where a renewal request stands.</summary>
[GenerateSerializer, Alias("Carmen.RenewalRequestStatus")]
public enum RenewalRequestStatus
{
    /// <summary>Waiting for a platform administrator.</summary>
    Open = 0,

    /// <summary>A license renewing the named one was installed.</summary>
    Fulfilled = 1,

    /// <summary>A platform administrator declined it, saying why.</summary>
    Declined = 2,
}
