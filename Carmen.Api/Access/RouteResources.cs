using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Access;

/// <summary>Enforces an endpoint's <see cref="AccessRequirement"/> on the resource its route names.</summary>
public static class RouteResources
{
    public static async ValueTask RequireAsync(CallerAccess caller, AccessRequirement required, HttpContext http, IGrainFactory grains)
    {
        if (caller.IsPlatformAdmin)
        {
            return;
        }

        if (required.Target == PermissionTarget.Anywhere)
        {
            if (!caller.HoldsAnywhere(required.Set))
            {
                throw CallerAccess.Refusal(required.Name, "any part of the tenant");
            }

            return;
        }

        if (http.GetRouteValue("deviceId") is string deviceId)
        {
            // Whoever holds it on every cluster needs no lookup; anyone else, the device's cluster (the grain's memory).
            if (caller.Clusters(required.Name).AllClusters)
            {
                return;
            }

            string notFound = $"Device '{deviceId}' does not exist.";
            string tenantId = http.GetRouteValue("tenantId") as string ?? "";
            DeviceInfo device = Identifiers.IsValidDeviceId(deviceId)
                ? await grains.GetGrain<IDeviceGrain>(new DeviceKey(tenantId, deviceId).ToString()).GetAsync(http.RequestAborted)
                : throw CarmenException.NotFound(notFound);
            Usage.ResourceClusters.Found(http, device.ClusterId);
            caller.RequireOnDeviceIn(device.ClusterId, required.Name, notFound);
        }
        else if (http.GetRouteValue("clusterId") is string clusterId)
        {
            caller.RequireAt(AccessScope.Cluster(clusterId), required.Name, $"Cluster '{clusterId}' does not exist.");
        }
        else if (http.GetRouteValue("businessUnitId") is string unitId)
        {
            caller.RequireAt(AccessScope.BusinessUnit(unitId), required.Name, $"Business unit '{unitId}' does not exist.");
        }
        else
        {
            caller.RequireAt(AccessScope.Tenant, required.Name, "");
        }
    }
}
