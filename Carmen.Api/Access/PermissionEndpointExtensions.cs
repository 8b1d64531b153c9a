namespace Carmen.Api.Access;

public static class PermissionEndpointExtensions
{
    /// <summary>The route needs <paramref name="permission"/> on the resource it names (device, cluster, business unit, else the tenant).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(permission, PermissionTarget.Route));

    /// <summary>The route needs <paramref name="permission"/> somewhere in the tenant; its handler narrows to where.</summary>
    public static TBuilder RequirePermissionAnywhere<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(permission, PermissionTarget.Anywhere));
}
