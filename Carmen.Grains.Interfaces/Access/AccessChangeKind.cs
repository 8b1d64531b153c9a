namespace Carmen.Grains.Interfaces.Access;

/// <summary>What an access change did.</summary>
[GenerateSerializer, Alias("Carmen.AccessChangeKind")]
public enum AccessChangeKind
{
    /// <summary>A role was assigned to a principal at a scope.</summary>
    Granted = 0,

    /// <summary>An assignment was removed (by someone, or with its user, business unit or cluster).</summary>
    Removed = 1,

    /// <summary>A user's tenant-wide role changed (the role users had before assignments).</summary>
    UserRoleChanged = 2,

    /// <summary>A custom role was defined or its permissions changed, changing every assignment of it.</summary>
    RoleDefined = 3,

    /// <summary>A custom role was deleted.</summary>
    RoleDeleted = 4,
}
