using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>
/// Opens a support ticket: <see cref="Priority"/> low, normal (the default), high or urgent; <see cref="DeviceIds"/>
/// links devices, each kept with a snapshot of its state and latest telemetry as they are now.
/// </summary>
public sealed record CreateTicketRequest(string? Subject, string? Description, TicketPriority? Priority, string? Category, IReadOnlyList<string>? DeviceIds);
