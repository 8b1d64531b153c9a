using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

[GenerateSerializer, Alias("Carmen.TicketDirectoryState")]
public sealed class TicketDirectoryState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public Dictionary<long, TicketSummary> Tickets { get; set; } = [];
}
