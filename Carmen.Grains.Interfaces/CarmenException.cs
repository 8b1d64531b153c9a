namespace Carmen.Grains.Interfaces;

/// <summary>
/// A domain error raised by a grain and carried to the caller: the kind decides the HTTP status,
/// <see cref="Field"/> names the request field at fault when there is one.
/// </summary>
[GenerateSerializer, Alias("Carmen.CarmenException")]
public sealed class CarmenException : Exception
{
    /// <summary>Creates a domain error.</summary>
    public CarmenException(ErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>What went wrong.</summary>
    [Id(0)]
    public ErrorKind Kind { get; }

    /// <summary>The request field at fault, in camelCase, or null when the error is not about one field.</summary>
    [Id(1)]
    public string? Field { get; }

    /// <summary>The license entitlement that refused the operation (<c>devices</c>, <c>users</c>, a feature), or null.</summary>
    [Id(2)]
    public string? Entitlement { get; init; }

    /// <summary>A validation error on one field.</summary>
    public static CarmenException Invalid(string field, string message) => new(ErrorKind.Validation, message, field);

    /// <summary>A resource that does not exist.</summary>
    public static CarmenException NotFound(string message) => new(ErrorKind.NotFound, message);

    /// <summary>A conflict with the current state, optionally about one field.</summary>
    public static CarmenException Conflict(string message, string? field = null) => new(ErrorKind.Conflict, message, field);

    /// <summary>An operation refused in the current state.</summary>
    public static CarmenException Forbidden(string message) => new(ErrorKind.Forbidden, message);

    /// <summary>An operation the tenant's licenses do not cover: <paramref name="entitlement"/> names what is missing or used up.</summary>
    public static CarmenException NotEntitled(string entitlement, string message) => new(ErrorKind.Forbidden, message) { Entitlement = entitlement };
}
