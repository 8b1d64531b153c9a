namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>How a child's connection through its gateway went.</summary>
[GenerateSerializer, Alias("Carmen.ChildConnectOutcome")]
public enum ChildConnectOutcome
{
    /// <summary>Online through the gateway.</summary>
    Connected = 0,

    /// <summary>No device has the child's id yet: the gateway may adopt it.</summary>
    Unknown = 1,

    /// <summary>The device exists but is not this gateway's child (another gateway's, or a device of its own).</summary>
    NotAChild = 2,

    /// <summary>The child may not connect now (quarantined, decommissioned, tenant suspended).</summary>
    NotAuthorized = 3,
}
