namespace Carmen.Grains.Interfaces.Access;

/// <summary>A set of <see cref="Permissions"/> as bits: union, containment and membership without allocation.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.PermissionSet")]
public readonly record struct PermissionSet([property: Id(0)] ulong Bits)
{
    /// <summary>No permission.</summary>
    public static PermissionSet None { get; } = new(0);

    /// <summary>Every permission of the catalogue.</summary>
    public static PermissionSet Everything { get; } = Permissions.Of(Permissions.All);

    /// <summary>Whether the set holds no permission.</summary>
    public bool IsEmpty => Bits == 0;

    /// <summary>Whether every permission of <paramref name="other"/> is in this set.</summary>
    public bool Contains(PermissionSet other) => (Bits & other.Bits) == other.Bits;

    /// <summary>The permissions of both sets.</summary>
    public PermissionSet Union(PermissionSet other) => new(Bits | other.Bits);

    /// <summary>The names of the permissions held, in catalogue order.</summary>
    public IReadOnlyList<string> Names()
    {
        ulong bits = Bits;
        return [.. Permissions.All.Where((_, bit) => (bits & (1UL << bit)) != 0)];
    }
}
