using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>A ticket to open: what the requester wrote, and the devices it is about with their state at opening.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketDraft")]
public sealed record TicketDraft(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Description,
    [property: Id(2)] TicketPriority Priority,
    [property: Id(3)] string? Category,
    [property: Id(4)] AuditActor Requester,
    [property: Id(5)] IReadOnlyList<TicketDevice> Devices)
{
    /// <summary>Longest subject, in characters.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest description or reply, in characters.</summary>
    public const int MaxBodyLength = 20_000;

    /// <summary>Longest category name.</summary>
    public const int MaxCategoryLength = 64;

    /// <summary>Most devices one ticket links.</summary>
    public const int MaxDevices = 20;
}
