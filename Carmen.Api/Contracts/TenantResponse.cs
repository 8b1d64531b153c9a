using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Contracts;

public sealed record TenantResponse(
    string Id,
    string Name,
    string DisplayName,
    TenantStatus Status,
    IReadOnlyDictionary<string, string> Settings,
    TenantLimitsContract Limits,
    int DeviceCount,
    DateTimeOffset CreatedAt,
    string? SuspensionReason)
{
    public static TenantResponse From(TenantInfo tenant) => new(
        tenant.Id, tenant.Name, tenant.DisplayName, tenant.Status, tenant.Settings,
        TenantLimitsContract.From(tenant.Limits), tenant.DeviceCount, tenant.CreatedAt, tenant.SuspensionReason);
}
