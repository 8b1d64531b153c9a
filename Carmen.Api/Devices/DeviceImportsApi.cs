using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Devices;

/// <summary>
/// Bulk registration of up to 10,000 devices from a JSON array or a CSV file. The import runs in the background in a
/// durable grain; the answer is 202 with its progress, or 200 with every row's outcome when it finishes within ?wait= seconds.
/// </summary>
public static class DeviceImportsApi
{
    private const int MaxWaitSeconds = 25;

    public static RouteGroupBuilder MapDeviceImportsApi(this RouteGroupBuilder devices)
    {
        devices.MapPost("/bulk", StartAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .Accepts<List<CreateDeviceRequest>>("application/json", "text/csv")
            .WithSummary("Starts a bulk import; each row is created or fails on its own, nothing half-created.");
        devices.MapGet("/imports/{importId}", GetAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .WithSummary("Progress of an import; ?rows=true adds every processed row's outcome and access token.");
        return devices;
    }

    public static async Task<Results<Ok<DeviceImportResponse>, Accepted<DeviceImportResponse>>> StartAsync(
        [AsParameters] TenantScope scope, HttpRequest request, IOptions<JsonOptions> json, int? wait)
    {
        if (wait is < 0 or > MaxWaitSeconds)
        {
            throw CarmenException.Invalid("wait", $"wait is 0 to {MaxWaitSeconds} seconds.");
        }

        List<CreateDeviceRequest> rows = await ReadRowsAsync(request, json.Value.SerializerOptions, scope.CancellationToken);
        if (rows.Count is 0 or > IDeviceImportGrain.MaxRows)
        {
            throw CarmenException.Invalid("devices", $"A bulk import takes 1 to {IDeviceImportGrain.MaxRows} devices; this one has {rows.Count}.");
        }

        foreach (string? clusterId in rows.Select(row => row.ClusterId).Distinct(StringComparer.Ordinal))
        {
            scope.Access.RequireDeviceWriteIn(clusterId, "clusterId");
        }

        string importId = Guid.CreateVersion7().ToString("N");
        IDeviceImportGrain import = scope.Grain<IDeviceImportGrain>(TenantScopedKey.Compose(scope.TenantId, importId));
        DeviceImportStatus status = await import.StartAsync([.. rows.Select(row => row.ToDraft())], scope.CancellationToken);
        if (wait > 0)
        {
            status = await import.WaitForCompletionAsync(TimeSpan.FromSeconds(wait.Value), includeRows: true, scope.CancellationToken);
        }

        return status.State == DeviceImportState.Completed
            ? TypedResults.Ok(DeviceImportResponse.From(status))
            : TypedResults.Accepted($"/api/v1/tenants/{scope.TenantId}/devices/imports/{importId}", DeviceImportResponse.From(status));
    }

    public static async Task<Ok<DeviceImportResponse>> GetAsync([AsParameters] TenantScope scope, string importId, bool? rows)
    {
        if (!Guid.TryParseExact(importId, "N", out _))
        {
            throw CarmenException.NotFound($"Import '{importId}' does not exist.");
        }

        DeviceImportStatus status = await scope.Grain<IDeviceImportGrain>(TenantScopedKey.Compose(scope.TenantId, importId))
            .GetStatusAsync(rows == true, scope.CancellationToken);
        return TypedResults.Ok(DeviceImportResponse.From(status));
    }

    private static async Task<List<CreateDeviceRequest>> ReadRowsAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        string mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (mediaType == "text/csv")
        {
            using var reader = new StreamReader(request.Body);
            return DeviceCsvReader.Read(await reader.ReadToEndAsync(cancellationToken));
        }

        if (mediaType != "application/json")
        {
            throw CarmenException.Invalid("Content-Type", "Send a JSON array (application/json) or a CSV file (text/csv).");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<List<CreateDeviceRequest>>(request.Body, json, cancellationToken)
                ?? throw CarmenException.Invalid("body", "Send a JSON array of devices.");
        }
        catch (JsonException invalid)
        {
            throw CarmenExceptionHandler.Describe(invalid);
        }
    }
}
