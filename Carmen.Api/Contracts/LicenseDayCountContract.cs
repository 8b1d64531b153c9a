namespace Carmen.Api.Contracts;

/// <summary>A counted entitlement on one day: entitled (overage included), the day's peak, and its last count.</summary>
public sealed record LicenseDayCountContract(int Entitled, int Peak, int Last);
