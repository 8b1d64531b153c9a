namespace Carmen.Grains.Interfaces.Support;

/// <summary>How urgent a ticket is.</summary>
[GenerateSerializer, Alias("Carmen.TicketPriority")]
public enum TicketPriority
{
    /// <summary>A question or a wish.</summary>
    Low = 0,

    /// <summary>Something does not work as it should.</summary>
    Normal = 1,

    /// <summary>Part of the fleet or of the service is impaired.</summary>
    High = 2,

    /// <summary>Production is down or data is at risk.</summary>
    Urgent = 3,
}
