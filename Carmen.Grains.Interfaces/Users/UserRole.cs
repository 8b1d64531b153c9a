namespace Carmen.Grains.Interfaces.Users;

/// <summary>
/// A user's tenant-wide role, which is a tenant-wide assignment of the built-in role of that name; <see cref="Member"/>
/// holds nothing tenant-wide and only what role assignments at business units or clusters give.
/// </summary>
[GenerateSerializer, Alias("Carmen.UserRole")]
public enum UserRole
{
    /// <summary>Reads everything of its tenant, changes nothing.</summary>
    Viewer = 0,

    /// <summary>Operates devices of its tenant: register, update, rotate credentials, decommission.</summary>
    Operator = 1,

    /// <summary>Administers its tenant: hierarchy, users, settings.</summary>
    TenantAdmin = 2,

    /// <summary>Administers the platform and every tenant; belongs to no tenant.</summary>
    PlatformAdmin = 3,

    /// <summary>Belongs to its tenant with no tenant-wide role: what it may do comes from its role assignments.</summary>
    Member = 4,
}
