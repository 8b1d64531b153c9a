using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>Creates a business unit or cluster; the id is derived from the name when left out.</summary>
public sealed record NamedResourceRequest(string? Id, [property: Required, StringLength(200)] string Name);
