using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

public sealed record CreateTenantRequest(
    string? Id,
    [property: Required, StringLength(200)] string Name,
    [property: StringLength(200)] string? DisplayName,
    Dictionary<string, string>? Settings,
    TenantLimitsContract? Limits);
