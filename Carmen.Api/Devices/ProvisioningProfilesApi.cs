using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

/// <summary>
/// ThingsBoard-style provisioning profiles: devices that know a profile's key and secret register themselves over MQTT
/// (/provision/request) into the profile's cluster. Tenant administrators manage them, as they do credentials.
/// </summary>
public static class ProvisioningProfilesApi
{
    public static RouteGroupBuilder MapProvisioningProfilesApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder profiles = tenant.MapGroup("/provisioning-profiles").WithTags("Provisioning").RequirePermission(Permissions.ProvisioningManage);
        profiles.MapPost("/", CreateAsync).WithSummary("Creates a provisioning profile; its secret is shown once, in this answer.");
        profiles.MapGet("/", ListAsync);
        profiles.MapGet("/{key}", GetAsync);
        profiles.MapDelete("/{key}", DeleteAsync).WithSummary("Deletes the profile; devices it provisioned keep their credentials.");
        return tenant;
    }

    public static async Task<Created<ProvisioningProfileResponse>> CreateAsync([AsParameters] TenantScope scope, CreateProvisioningProfileRequest request)
    {
        string key = request.ProvisionDeviceKey ?? ProvisioningKeys.Generate();
        string secret = request.ProvisionDeviceSecret ?? ProvisioningKeys.Generate();
        var spec = new ProvisioningProfileSpec(
            request.Name ?? "",
            request.Strategy ?? throw CarmenException.Invalid("strategy", "A strategy is required: allowCreateNewDevices or checkPreProvisionedDevices."),
            request.ClusterId ?? throw CarmenException.Invalid("clusterId", "The cluster new devices go into is required."),
            request.Type);
        ProvisioningKeys.RequireStrong(key, "provisionDeviceKey");
        IProvisioningDirectoryGrain directory = scope.Grains.GetGrain<IProvisioningDirectoryGrain>(scope.TenantId);
        await directory.AddAsync(key, scope.CancellationToken);
        try
        {
            ProvisioningProfile profile = await scope.Grains.GetGrain<IProvisioningProfileGrain>(key).CreateAsync(scope.TenantId, spec, secret, scope.CancellationToken);
            return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/provisioning-profiles/{Uri.EscapeDataString(key)}", ProvisioningProfileResponse.From(profile, secret));
        }
        catch
        {
            await directory.RemoveAsync(key, CancellationToken.None);
            throw;
        }
    }

    public static async Task<Ok<List<ProvisioningProfileResponse>>> ListAsync([AsParameters] TenantScope scope)
    {
        IReadOnlyList<string> keys = await scope.Grains.GetGrain<IProvisioningDirectoryGrain>(scope.TenantId).ListAsync(scope.CancellationToken);
        ProvisioningProfile?[] profiles = await Task.WhenAll(keys.Select(key =>
            scope.Grains.GetGrain<IProvisioningProfileGrain>(key).FindAsync(scope.TenantId, scope.CancellationToken)));
        return TypedResults.Ok(profiles.OfType<ProvisioningProfile>().Select(profile => ProvisioningProfileResponse.From(profile)).ToList());
    }

    public static async Task<Ok<ProvisioningProfileResponse>> GetAsync([AsParameters] TenantScope scope, string key) =>
        TypedResults.Ok(ProvisioningProfileResponse.From(await FindAsync(scope, key)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, string key)
    {
        await FindAsync(scope, key);
        await scope.Grains.GetGrain<IProvisioningProfileGrain>(key).DeleteAsync(scope.TenantId, scope.CancellationToken);
        await scope.Grains.GetGrain<IProvisioningDirectoryGrain>(scope.TenantId).RemoveAsync(key, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ProvisioningProfile> FindAsync(TenantScope scope, string key) =>
        (string.IsNullOrWhiteSpace(key) ? null : await scope.Grains.GetGrain<IProvisioningProfileGrain>(key).FindAsync(scope.TenantId, scope.CancellationToken))
            ?? throw CarmenException.NotFound($"Tenant '{scope.TenantId}' has no provisioning profile with this key.");
}
