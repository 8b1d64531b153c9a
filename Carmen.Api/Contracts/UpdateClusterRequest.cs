using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>Renames a cluster, moves it to another business unit, or both.</summary>
public sealed record UpdateClusterRequest([property: StringLength(200)] string? Name, string? BusinessUnitId);
