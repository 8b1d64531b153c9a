using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

[GenerateSerializer, Alias("Carmen.DeviceImportGrainState")]
public sealed class DeviceImportGrainState
{
    [Id(0)] public DeviceImportState State { get; set; }
    [Id(1)] public List<DeviceDraft> PendingDrafts { get; set; } = [];
    [Id(2)] public List<DeviceRegistrationOutcome> Outcomes { get; set; } = [];
    [Id(3)] public int Total { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset? CompletedAt { get; set; }
}
