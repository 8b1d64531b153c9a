using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Grains.Backups;

/// <summary>What the platform's backups grain keeps: the settings set through the API (null: the node's configuration).</summary>
[GenerateSerializer, Alias("Carmen.PlatformBackupsState")]
public sealed class PlatformBackupsState
{
    [Id(0)]
    public BackupSettings? Settings { get; set; }
}
