namespace Carmen.Grains.Interfaces;

/// <summary>Why one item of a batch failed: the kind of error, the field at fault and a message for people.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RowError")]
public sealed record RowError(
    [property: Id(0)] ErrorKind Kind,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Message)
{
    /// <summary>The license entitlement that refused the item, or null.</summary>
    [Id(3)]
    public string? Entitlement { get; init; }

    /// <summary>The error a <see cref="CarmenException"/> describes.</summary>
    public static RowError From(CarmenException exception) => new(exception.Kind, exception.Field, exception.Message) { Entitlement = exception.Entitlement };
}
