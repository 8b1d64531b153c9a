namespace Carmen.Api.Contracts;

public sealed record TenantLimitsContract(int? MaxDevices, int? MaxUsers);
