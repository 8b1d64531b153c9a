using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

public sealed record SuspendTenantRequest([property: StringLength(500)] string? Reason);
