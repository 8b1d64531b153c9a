namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>Why a device's message or subscription was refused.</summary>
[GenerateSerializer, Alias("Carmen.RejectionReason")]
public enum RejectionReason
{
    /// <summary>The payload is not what the topic takes (bad JSON, wrong shape, null values).</summary>
    MalformedPayload = 0,

    /// <summary>The payload is larger than the configured limit.</summary>
    PayloadTooLarge = 1,

    /// <summary>A topic outside the device's own space (another device's, a wildcard, an unknown one).</summary>
    TopicNotAllowed = 2,

    /// <summary>A message or data-point rate limit was exceeded.</summary>
    QuotaExceeded = 3,

    /// <summary>The device may not send now (quarantined, decommissioned, its tenant suspended): traffic through an external broker, which Carmen cannot refuse at CONNECT.</summary>
    NotAuthorized = 4,

    /// <summary>The device's grain refused the message for good (feedback for an action that does not exist, say): resending it cannot succeed.</summary>
    Refused = 5,

    /// <summary>The tenant's licensed telemetry points for the month are used up, overage included.</summary>
    MeterExhausted = 6,
}
