using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

[GenerateSerializer, Alias("Carmen.TicketState")]
public sealed class TicketState
{
    /// <summary>Null until opened.</summary>
    [Id(0)] public TicketInfo? Ticket { get; set; }
}
