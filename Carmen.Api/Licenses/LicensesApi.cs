using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Licenses;

/// <summary>
/// Licenses: a platform administrator issues signed licenses to tenants (or a tenant imports one issued elsewhere);
/// the tenant's administrators read them, their use, and download the documents. The tenant grain enforces them.
/// </summary>
public static class LicensesApi
{
    private const int DefaultLicenseDays = 365;
    private const int DefaultSilentDays = 30;
    private const int DefaultHistoryDays = 30;

    public static IEndpointRouteBuilder MapPlatformLicensesApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder platform = api.MapGroup("/platform").WithTags("Licenses").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapPost("/licenses", IssueAsync)
            .WithSummary("Issues a license to a tenant of this platform, signed with the platform's license key, and installs it; returns the signed document.");
        platform.MapGet("/license-keys", ListKeysAsync)
            .WithSummary("The public keys that sign this platform's licenses (raw and PEM), to verify a license offline.");
        return api;
    }

    public static RouteGroupBuilder MapLicensesApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder licenses = tenant.MapGroup("/licenses").WithTags("Licenses");
        licenses.MapPost("/", ImportAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Imports a signed license document; refused when tampered with, signed by a key the platform does not trust, or issued to another tenant.");
        licenses.MapGet("/", ListAsync).RequirePermission(Permissions.HierarchyManage);
        licenses.MapGet("/{licenseId}", GetAsync).RequirePermission(Permissions.HierarchyManage);
        licenses.MapGet("/{licenseId}/document", DownloadAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("The license's signed document as a file.");
        tenant.MapGet("/license-allocations", GetAllocationsAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage);
        tenant.MapPut("/license-allocations", SetAllocationsAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Sets every business unit's share of the licensed devices and users; a unit never exceeds its share, units without one share the rest.");
        tenant.MapGet("/reports/license-usage", ReportAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Unused seats, devices never seen or silent for ?silentDays= (30), business units' shares against their use; ?format=json|csv.");
        tenant.MapGet("/license-usage/history", HistoryAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Daily snapshots of use (?from=&to=, dates; the last 30 days by default; kept 400 days): peak and last devices and users, and what was entitled.");
        tenant.MapGet("/license-usage/meters", MeterMonthsAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage)
            .WithSummary("The telemetry points used each month (UTC; the current month and up to twelve before it), newest first, against what the licenses allow now.");
        tenant.MapGet("/license-usage", UsageAsync).WithTags("Licenses").RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Use of each entitlement now: devices in service, users and this month's telemetry points against what the licenses grant, overage included.");
        return tenant;
    }

    public static async Task<Created<IssuedLicenseResponse>> IssueAsync(IGrainFactory grains, HttpContext http, IssueLicenseRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        string tenantId = request.TenantId ?? throw CarmenException.Invalid("tenantId", "Name the tenant the license is for.");
        DateTimeOffset validFrom = request.ValidFrom ?? time.GetUtcNow();
        var terms = new LicenseTerms(
            request.Id ?? Guid.CreateVersion7().ToString(),
            tenantId,
            request.Plan ?? "",
            (request.Entitlements ?? throw CarmenException.Invalid("entitlements", "Say what the license grants.")).ToEntitlements(),
            validFrom,
            request.ValidUntil ?? validFrom.AddDays(DefaultLicenseDays),
            request.GraceDays ?? 0,
            request.OveragePercent ?? 0,
            request.ExpirationStrategy ?? ExpirationStrategy.Restrict,
            default,
            "",
            request.Renews);
        SignedLicense document = await grains.GetGrain<ILicenseIssuerGrain>(0).SignAsync(terms, cancellationToken);
        LicenseInfo installed = await grains.GetGrain<ITenantLicensesGrain>(tenantId).ImportAsync(document, http.User.Actor(), cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{tenantId}/licenses/{installed.Terms.Id}",
            new IssuedLicenseResponse(LicenseResponse.From(installed), LicenseDocumentContract.From(document)));
    }

    public static async Task<Ok<List<LicenseKeyResponse>>> ListKeysAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok((await grains.GetGrain<ILicenseIssuerGrain>(0).GetKeysAsync(cancellationToken)).Select(LicenseKeyResponse.From).ToList());

    public static async Task<Created<LicenseResponse>> ImportAsync([AsParameters] TenantScope scope, LicenseDocumentContract request)
    {
        LicenseInfo installed = await Licenses(scope).ImportAsync(request.ToSignedLicense(), scope.User.Actor(), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/licenses/{installed.Terms.Id}", LicenseResponse.From(installed));
    }

    public static async Task<Ok<List<LicenseResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok((await Licenses(scope).ListAsync(scope.CancellationToken)).Select(LicenseResponse.From).ToList());

    public static async Task<Ok<LicenseResponse>> GetAsync([AsParameters] TenantScope scope, string licenseId) =>
        TypedResults.Ok(LicenseResponse.From(await License(scope, licenseId).FindAsync(scope.CancellationToken) ?? throw NotFound(licenseId)));

    public static async Task<FileContentHttpResult> DownloadAsync([AsParameters] TenantScope scope, string licenseId)
    {
        SignedLicense document = await License(scope, licenseId).GetDocumentAsync(scope.CancellationToken);
        byte[] file = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(LicenseDocumentContract.From(document), LicenseFiles.Json);
        return TypedResults.File(file, "application/json", $"{scope.TenantId}-{licenseId}.license.json");
    }

    public static async Task<Ok<LicenseUsageResponse>> UsageAsync([AsParameters] TenantScope scope)
    {
        LicenseUsage usage = await Licensing(scope).GetLicenseUsageAsync(scope.CancellationToken);
        return TypedResults.Ok(LicenseUsageResponse.From(usage, await Meter(scope).GetMonthsAsync(scope.CancellationToken)));
    }

    public static async Task<Ok<List<MeterMonthResponse>>> MeterMonthsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok((await Meter(scope).GetMonthsAsync(scope.CancellationToken)).Select(MeterMonthResponse.From).ToList());

    public static async Task<Ok<List<UnitAllocationResponse>>> GetAllocationsAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok((await Licensing(scope).GetAllocationsAsync(scope.CancellationToken)).Select(UnitAllocationResponse.From).ToList());

    public static async Task<Ok<List<UnitAllocationResponse>>> SetAllocationsAsync([AsParameters] TenantScope scope, LicenseAllocationsRequest request)
    {
        Dictionary<string, UnitAllocation> allocations = (request.BusinessUnits ?? throw CarmenException.Invalid("businessUnits", "Give every business unit's share (an empty object clears them)."))
            .ToDictionary(unit => unit.Key, unit => unit.Value?.ToAllocation() ?? throw CarmenException.Invalid($"businessUnits.{unit.Key}", "Give the unit's devices and/or users."));
        return TypedResults.Ok((await Licensing(scope).SetAllocationsAsync(allocations, scope.CancellationToken)).Select(UnitAllocationResponse.From).ToList());
    }

    public static async Task<Results<Ok<LicenseUsageReportResponse>, FileContentHttpResult>> ReportAsync([AsParameters] TenantScope scope, string? format, int? silentDays)
    {
        LicenseUsageReportResponse report = LicenseUsageReportResponse.From(await Licenses(scope).GetUsageReportAsync(silentDays ?? DefaultSilentDays, scope.CancellationToken));
        return format switch
        {
            null or "json" => TypedResults.Ok(report),
            "csv" => TypedResults.File(LicenseUsageCsv.Write(report), "text/csv", $"{scope.TenantId}-license-usage.csv"),
            _ => throw CarmenException.Invalid("format", "The format is json or csv."),
        };
    }

    public static async Task<Ok<List<LicenseUsageDayResponse>>> HistoryAsync([AsParameters] TenantScope scope, DateOnly? from, DateOnly? to, TimeProvider time)
    {
        DateOnly until = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        IReadOnlyList<LicenseUsageDay> days = await Licenses(scope).GetUsageHistoryAsync(from ?? until.AddDays(-DefaultHistoryDays), until, scope.CancellationToken);
        return TypedResults.Ok(days.Select(LicenseUsageDayResponse.From).ToList());
    }

    private static ITenantLicensingGrain Licensing(TenantScope scope) => scope.Grain<ITenantLicensingGrain>(scope.TenantId);

    private static ITenantLicensesGrain Licenses(TenantScope scope) => scope.Grain<ITenantLicensesGrain>(scope.TenantId);

    private static ITenantMeterGrain Meter(TenantScope scope) => scope.Grain<ITenantMeterGrain>(scope.TenantId);

    private static ILicenseGrain License(TenantScope scope, string licenseId) => scope.Grain<ILicenseGrain>($"{scope.TenantId}/{licenseId}");

    private static CarmenException NotFound(string licenseId) => CarmenException.NotFound($"The tenant holds no license '{licenseId}'.");
}
