namespace Carmen.Api.Contracts;

/// <summary>One counted entitlement: entitled, admissible with overage, and in use.</summary>
public sealed record LicenseCountContract(int Entitled, int Allowance, int Used);
