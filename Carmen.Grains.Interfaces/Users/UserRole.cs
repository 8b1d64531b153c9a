namespace Carmen.Grains.Interfaces.Users;

/// <summary>What a user may do. Each role includes the ones below it.</summary>
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
}
