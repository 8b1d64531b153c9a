namespace Carmen.Api.Contracts;

/// <summary>A working stretch: <see cref="Day"/> monday to sunday, <see cref="From"/> and <see cref="To"/> as HH:mm local time ("00:00" as the end: midnight).</summary>
public sealed record WorkingHoursContract(string? Day, string? From, string? To);
