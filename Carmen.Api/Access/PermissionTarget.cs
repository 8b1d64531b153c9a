namespace Carmen.Api.Access;

/// <summary>Where an endpoint's permission must be held.</summary>
public enum PermissionTarget
{
    /// <summary>On the resource the route names: its device, cluster or business unit, else the tenant.</summary>
    Route,

    /// <summary>Somewhere in the tenant: the handler narrows to what the caller may see (listings) or checks the resource it loads.</summary>
    Anywhere,
}
