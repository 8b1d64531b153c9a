namespace Carmen.Api.Contracts;

/// <summary>A key's latest values across the devices that report it.</summary>
public sealed record KeyStatisticsResponse(int Devices, double Avg, double Min, double Max);
