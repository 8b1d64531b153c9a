namespace Carmen.Grains.Interfaces.Devices;

/// <summary>Where a bulk import is.</summary>
[GenerateSerializer, Alias("Carmen.DeviceImportState")]
public enum DeviceImportState
{
    /// <summary>No import with this id.</summary>
    None = 0,

    /// <summary>Rows are being registered.</summary>
    Running = 1,

    /// <summary>Every row has an outcome.</summary>
    Completed = 2,
}
