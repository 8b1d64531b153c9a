using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

public sealed record UpdateBusinessUnitRequest([property: Required, StringLength(200)] string Name);
