namespace Carmen.Grains.Interfaces.Devices;

/// <summary>What a device listing is ordered by; ties are broken by device id.</summary>
[GenerateSerializer, Alias("Carmen.DeviceSortField")]
public enum DeviceSortField
{
    /// <summary>Name, case-insensitive.</summary>
    Name = 0,

    /// <summary>Device id.</summary>
    Id = 1,

    /// <summary>Registration time.</summary>
    CreatedAt = 2,

    /// <summary>Last time the device was heard from; never-seen devices sort first.</summary>
    LastSeenAt = 3,
}
