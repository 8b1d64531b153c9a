using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

public sealed record TokenRequest([property: Required] string Username, [property: Required] string Password);
