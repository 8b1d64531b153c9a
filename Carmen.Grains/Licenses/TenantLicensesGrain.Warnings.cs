using System.Globalization;
using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Notifications;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Carmen.Grains.Licenses;

/// <summary>
/// Staged warnings, each announced once: before expiry (the platform's stages and the tenant's earlier ones), at expiry,
/// at the end of grace, when devices, users or the month's telemetry points reach the usage threshold, and when the
/// month's telemetry points are used up. An announcement is a tenant alert
/// event <c>licenseWarning</c> (its rules route it to e-mail, webhooks...), a mail to the tenant's administrators, an
/// event to its webhooks that ask for license events, and, for expiry, a platform alert that stays raised until the
/// license is renewed.
/// </summary>
public sealed partial class TenantLicensesGrain
{
    private const string UsageKey = "usage";
    private const string WarningDaysSetting = "licenses.warningDays";
    private const string UsagePercentSetting = "licenses.usageWarningPercent";

    public async Task<bool> CheckWarningsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LicenseInfo> held = await ListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return false;
        }

        TenantInfo tenant = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetAsync(cancellationToken);
        HashSet<int> warningDays = [.. options.Value.WarningDays, .. TenantDays(tenant)];
        DateTimeOffset now = clock.GetUtcNow();
        var observations = new List<HealthObservation>();
        foreach (LicenseInfo license in held)
        {
            LicenseTerms terms = license.Terms;
            bool renewed = license.RenewedBy is not null;
            bool warning = !renewed && LicenseWarningStages.Warning(terms, warningDays, now);
            observations.Add(new HealthObservation(PlatformHealthCheck.LicenseExpiry, $"{TenantId}/{terms.Id}", warning,
                $"License {terms.Id} ({terms.Plan}) of tenant {TenantId} {LicenseWarningStages.Summary(terms, now)}."));
            HashSet<string> announced = Announced(terms.Id);
            IReadOnlyList<string> due = renewed ? [] : LicenseWarningStages.Due(terms, warningDays, now, announced);
            if (due.Count > 0)
            {
                announced.UnionWith(due);
                string stage = due[^1];
                await AnnounceAsync(tenant, terms.Id, stage, $"License {terms.Id} ({terms.Plan}) {LicenseWarningStages.Describe(stage, terms)}.", cancellationToken);
            }
        }

        await CheckUsageAsync(tenant, cancellationToken);
        await GrainFactory.GetGrain<IPlatformHealthGrain>(0).ObserveAsync(observations, cancellationToken);
        await licenses.WriteStateAsync(cancellationToken); // today's usage snapshot changes at every check

        return true;
    }

    /// <summary>Records the day's use; devices or users in use at or above the threshold are announced once per crossing.</summary>
    private async Task CheckUsageAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        LicenseUsage usage = await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).GetLicenseUsageAsync(cancellationToken);
        RecordUsage(usage);
        int percent = Math.Min(options.Value.UsageWarningPercent,
            tenant.Settings.TryGetValue(UsagePercentSetting, out string? own) && int.TryParse(own, CultureInfo.InvariantCulture, out int tighter) && tighter > 0 ? tighter : int.MaxValue);
        HashSet<string> announced = Announced(UsageKey);
        IReadOnlyList<MeterMonth> months = await GrainFactory.GetGrain<ITenantMeterGrain>(TenantId).GetMonthsAsync(cancellationToken);
        MeterMonth? points = months.Count > 0 && months[0].Entitled is not null ? months[0] : null;
        foreach ((string entitlement, long used, long entitled) in new[]
        {
            (LicenseEntitlementNames.Devices, usage.DevicesInService, usage.Allowance.Devices),
            (LicenseEntitlementNames.Users, usage.Users, usage.Allowance.Users),
            (LicenseEntitlementNames.TelemetryPointsPerMonth, points?.Used ?? 0, points?.Entitled ?? 0),
        })
        {
            bool high = usage.Allowance.Licensed && entitled > 0 && used * 100.0 >= entitled * (double)percent;
            if (high && announced.Add(entitlement))
            {
                await AnnounceAsync(tenant, UsageKey, $"{entitlement}{percent}",
                    $"The tenant uses {used} of {entitled} licensed {entitlement} ({(long)(used * 100.0 / entitled)}%, the warning threshold is {percent}%).", cancellationToken);
            }
            else if (!high)
            {
                announced.Remove(entitlement); // below again: the next crossing warns again
            }
        }

        await CheckExhaustedMeterAsync(tenant, points, announced, cancellationToken);
    }

    /// <summary>A month's telemetry points used up (overage included) is announced once, with what happens now.</summary>
    private async Task CheckExhaustedMeterAsync(TenantInfo tenant, MeterMonth? points, HashSet<string> announced, CancellationToken cancellationToken)
    {
        string stage = $"{LicenseEntitlementNames.TelemetryPointsPerMonth}Exhausted";
        if (points?.ExhaustedAt is null)
        {
            announced.Remove(stage);
            return;
        }

        if (announced.Add(stage))
        {
            string consequence = options.Value.MeterAction == MeterAction.Refuse
                ? "devices' telemetry is refused (MQTT reason code 0x97, quota exceeded) until the month ends or the license grows"
                : "telemetry is still taken";
            await AnnounceAsync(tenant, UsageKey, stage,
                $"The tenant used {points.Used} telemetry points in {points.Month}, all that its licenses allow ({points.Allowance} with overage); {consequence}.", cancellationToken);
        }
    }

    private async Task AnnounceAsync(TenantInfo tenant, string subject, string stage, string detail, CancellationToken cancellationToken)
    {
        LogWarning(TenantId, subject, stage, detail);
        long at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await GrainFactory.GetGrain<ITenantAlertsGrain>(TenantId).RaiseEventAsync(AlertCondition.LicenseWarning, new Dictionary<string, TimestampedValue>
        {
            ["license"] = new(at, TelemetryValue.FromText(subject)),
            ["stage"] = new(at, TelemetryValue.FromText(stage)),
            ["detail"] = new(at, TelemetryValue.FromText(detail)),
        }, cancellationToken);
        await MailAdministratorsAsync(tenant, $"license {(subject == UsageKey ? "usage" : subject)}: {stage}", stage, detail, cancellationToken);
        await PostWebhooksAsync(subject, stage, detail, clock.GetUtcNow());
    }

    private async Task MailAdministratorsAsync(TenantInfo tenant, string subject, string stage, string detail, CancellationToken cancellationToken)
    {
        IReadOnlyList<UserInfo> users = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetUsersAsync(cancellationToken);
        string[] to = [.. users.Where(user => user.Role == UserRole.TenantAdmin && !string.IsNullOrEmpty(user.Email)).Select(user => user.Email!)];
        if (to.Length == 0 || await MailServers.ForTenantAsync(GrainFactory, TenantId, cancellationToken) is not SmtpSettings smtp)
        {
            return;
        }

        using MimeMessage message = LicenseMessages.Warning(smtp.From, to, tenant.DisplayName, subject, stage, detail);
        try
        {
            await mail.SendAsync(smtp, message, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogMailFailed(failure, TenantId, subject); // the alert event and the platform alert still carry the warning
        }
    }

    private HashSet<string> Announced(string key)
    {
        if (!licenses.State.AnnouncedWarnings.TryGetValue(key, out HashSet<string>? announced))
        {
            licenses.State.AnnouncedWarnings[key] = announced = new HashSet<string>(StringComparer.Ordinal);
        }

        return announced;
    }

    /// <summary>The tenant's own stages ("90,60"), which can only add to the platform's.</summary>
    private static IEnumerable<int> TenantDays(TenantInfo tenant) =>
        tenant.Settings.TryGetValue(WarningDaysSetting, out string? days)
            ? days.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(day => int.TryParse(day, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0).Where(day => day is > 0 and <= 3650)
            : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} license {LicenseId}: warning {Stage}: {Detail}")]
    private partial void LogWarning(string tenantId, string licenseId, string stage, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: the license warning mail about {Subject} could not be sent")]
    private partial void LogMailFailed(Exception exception, string tenantId, string subject);
}
