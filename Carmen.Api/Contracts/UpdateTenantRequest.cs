using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>Members left out are unchanged; a setting set to null is removed.</summary>
public sealed record UpdateTenantRequest(
    [property: StringLength(200)] string? Name,
    [property: StringLength(200)] string? DisplayName,
    Dictionary<string, string?>? Settings,
    TenantLimitsContract? Limits);
