namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>What happens once a license's grace period is over. Neither loses data.</summary>
[GenerateSerializer, Alias("Carmen.ExpirationStrategy")]
public enum ExpirationStrategy
{
    /// <summary>Existing devices keep connecting and sending, operators keep reading; nothing new is admitted under it.</summary>
    Restrict = 0,

    /// <summary>The license keeps granting what it did; only warnings.</summary>
    Maintain = 1,
}
