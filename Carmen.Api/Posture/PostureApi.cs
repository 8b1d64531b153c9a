using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Posture;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Posture;

/// <summary>
/// A tenant's posture checks: the latest findings (each narrowed to the devices the caller reads), a check on demand,
/// and the settings (windows, schedule, distribution sets marked vulnerable).
/// </summary>
public static class PostureApi
{
    public static RouteGroupBuilder MapPostureApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder posture = tenant.MapGroup("/posture").WithTags("Posture");
        posture.MapGet("/findings", GetFindingsAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .WithSummary("The latest posture check's findings, with their devices and the incident Carmen offers as mitigation.");
        posture.MapPost("/checks", CheckAsync).RequirePermissionAnywhere(Permissions.DevicesCredentials)
            .WithSummary("Runs every posture check now and answers with its findings.");
        posture.MapGet("/settings", GetSettingsAsync).RequirePermissionAnywhere(Permissions.DevicesRead);
        posture.MapPut("/settings", SetSettingsAsync).RequirePermission(Permissions.HierarchyManage);
        return tenant;
    }

    public static async Task<Ok<PostureReportResponse>> GetFindingsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(ToResponse(scope, await Posture(scope).GetReportAsync(scope.CancellationToken)));

    public static async Task<Ok<PostureReportResponse>> CheckAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(ToResponse(scope, await Posture(scope).CheckAsync(scope.CancellationToken)));

    public static async Task<Ok<PostureSettingsContract>> GetSettingsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(ToContract(await Posture(scope).GetSettingsAsync(scope.CancellationToken)));

    public static async Task<Ok<PostureSettingsContract>> SetSettingsAsync([AsParameters] TenantScope scope, PostureSettingsContract request)
    {
        PostureSettings current = await Posture(scope).GetSettingsAsync(scope.CancellationToken);
        var changed = new PostureSettings(
            request.ExpiringWithinDays ?? current.ExpiringWithinDays, request.DormantAfterDays ?? current.DormantAfterDays,
            request.SharedCredentialsWithinDays ?? current.SharedCredentialsWithinDays, request.IntervalHours ?? current.IntervalHours,
            request.VulnerableDistributionSets?.Select(set => new VulnerableDistributionSet(set.DistributionSetId, set.Advisory ?? "")).ToList()
                ?? current.VulnerableDistributionSets);
        return TypedResults.Ok(ToContract(await Posture(scope).SetSettingsAsync(changed, scope.CancellationToken)));
    }

    /// <summary>The report with each finding's devices narrowed to the clusters where the caller reads devices; a finding left empty is left out.</summary>
    private static PostureReportResponse ToResponse(TenantScope scope, PostureReport? report)
    {
        if (report is null)
        {
            return new PostureReportResponse(null, null, 0, null, []);
        }

        ClusterSelection visible = scope.Access.Clusters(Permissions.DevicesRead);
        var findings = new List<PostureFindingResponse>();
        foreach (PostureFinding finding in report.Findings)
        {
            List<PostureDeviceResponse> devices = [.. finding.Devices.Where(device => visible.Includes(device.ClusterId))
                .Select(device => new PostureDeviceResponse(device.DeviceId, device.ClusterId, device.Detail))];
            if (devices.Count == 0 && finding.Devices.Count > 0)
            {
                continue;
            }

            CreateIncidentRequest? mitigation = finding.Mitigation.Count == 0 ? null : new CreateIncidentRequest(
                $"Posture: {JsonNamingPolicy.CamelCase.ConvertName(finding.Kind.ToString())}", null, new IncidentFilterContract(null, null, null, null, null, null, finding.Kind), [.. finding.Mitigation]);
            findings.Add(new PostureFindingResponse(finding.Kind, finding.Severity, finding.Summary, devices.Count, devices, mitigation));
        }

        return new PostureReportResponse(report.CheckedAt, report.Trigger, report.DevicesChecked, report.NextCheckAt, findings);
    }

    private static PostureSettingsContract ToContract(PostureSettings settings) => new(
        settings.ExpiringWithinDays, settings.DormantAfterDays, settings.SharedCredentialsWithinDays, settings.IntervalHours,
        [.. settings.VulnerableDistributionSets.Select(set => new VulnerableDistributionSetContract(set.DistributionSetId, set.Advisory))]);

    private static ITenantPostureGrain Posture(TenantScope scope) => scope.Grain<ITenantPostureGrain>(scope.TenantId);
}
