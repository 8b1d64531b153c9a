using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Licenses;

/// <summary>
/// A tenant's licenses: the gate every document passes (signature, issuer, tenant) and the one place that tells the
/// tenant grain, which enforces them, what its licenses are.
/// </summary>
[GrainType("tenant-licenses")]
public sealed partial class TenantLicensesGrain(
    [PersistentState("tenant-licenses", StorageNames.Tenants)] IPersistentState<TenantLicensesState> licenses,
    IOptions<LicenseOptions> options,
    MailTransport mail,
    NotificationSender webhooks,
    IDeviceIndex index,
    [FromKeyedServices(LicenseClock.Key)] TimeProvider clock,
    ILogger<TenantLicensesGrain> logger) : Grain, ITenantLicensesGrain
{
    private const int MaxLicenses = 200;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<LicenseInfo> ImportAsync(SignedLicense document, string? actor, CancellationToken cancellationToken)
    {
        LicenseTerms terms = LicenseDocuments.Verify(document, await TrustedKeysAsync(cancellationToken));
        if (terms.TenantId != TenantId)
        {
            throw CarmenException.Invalid("tenantId", $"The license is issued to tenant '{terms.TenantId}', not '{TenantId}'.");
        }

        if (await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetStatusAsync(cancellationToken) == TenantStatus.None)
        {
            throw CarmenException.NotFound($"Tenant '{TenantId}' does not exist.");
        }

        if (!licenses.State.LicenseIds.Contains(terms.Id) && licenses.State.LicenseIds.Count >= MaxLicenses)
        {
            throw CarmenException.Conflict($"A tenant holds at most {MaxLicenses} licenses.");
        }

        if (terms.Renews is string renewed && !licenses.State.LicenseIds.Contains(renewed))
        {
            throw CarmenException.Invalid("renews", $"The license renews '{renewed}', which tenant '{TenantId}' does not hold.");
        }

        LicenseInfo installed = await License(terms.Id).InstallAsync(document, terms, actor, cancellationToken);
        if (terms.Renews is string renews)
        {
            await License(renews).RenewedByAsync(terms, actor, cancellationToken);
            await GrainFactory.GetGrain<ILicenseRenewalRequestsGrain>(0).FulfillAsync(TenantId, renews, terms.Id, cancellationToken);
        }

        if (!licenses.State.LicenseIds.Contains(terms.Id))
        {
            licenses.State.LicenseIds.Add(terms.Id);
            await licenses.WriteStateAsync(cancellationToken);
            LogInstalled(TenantId, terms.Id, terms.Plan, document.KeyId);
            await GrainFactory.GetGrain<ILicenseWatchGrain>(0).WatchAsync(TenantId, cancellationToken);
        }

        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).SetLicensesAsync([.. (await ListAsync(cancellationToken)).Select(info => info.Terms)], cancellationToken);
        return installed;
    }

    public async Task<IReadOnlyList<LicenseInfo>> ListAsync(CancellationToken cancellationToken)
    {
        LicenseInfo?[] found = await Task.WhenAll(licenses.State.LicenseIds.Select(id => License(id).FindAsync(cancellationToken)));
        return [.. found.OfType<LicenseInfo>().OrderBy(info => info.Terms.ValidFrom)];
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(licenses.State.LicenseIds.Select(id => License(id).EraseAsync(cancellationToken)));
        await licenses.ClearStateAsync(cancellationToken);
    }

    /// <summary>The platform's own license keys and those of the issuers it is configured to trust.</summary>
    private async Task<IReadOnlyList<byte[]>> TrustedKeysAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LicenseSigningKey> own = await GrainFactory.GetGrain<ILicenseIssuerGrain>(0).GetKeysAsync(cancellationToken);
        return [.. own.Select(key => key.PublicKey), .. options.Value.TrustedKeys.Select(LicenseDocuments.ReadPublicKey)];
    }

    private ILicenseGrain License(string licenseId) => GrainFactory.GetGrain<ILicenseGrain>($"{TenantId}/{licenseId}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} received license {LicenseId} ({Plan}), signed by key {KeyId}")]
    private partial void LogInstalled(string tenantId, string licenseId, string plan, string keyId);
}
