using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Audit;

/// <summary>How often the trail signs a checkpoint: after so many records or so much time, whichever comes first.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Carmen:Audit";

    [Range(1, 10_000_000)]
    public int CheckpointEveryRecords { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
