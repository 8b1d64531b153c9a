using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>One month of a meter: what was used, against what the licenses allow now (null when not metered).</summary>
public sealed record MeterMonthResponse(string Meter, string Month, long Used, long? Entitled, long? Allowance, DateTimeOffset? ExhaustedAt)
{
    public static MeterMonthResponse From(MeterMonth month) =>
        new(month.Meter, month.Month, month.Used, month.Entitled, month.Allowance, month.ExhaustedAt);
}
