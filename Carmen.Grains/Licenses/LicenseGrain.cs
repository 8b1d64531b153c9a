using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Grains.Licenses;

/// <summary>One license of one tenant. Only <see cref="TenantLicensesGrain"/> installs, after verifying the signature.</summary>
[GrainType("license")]
public sealed class LicenseGrain(
    [PersistentState("license", StorageNames.Tenants)] IPersistentState<LicenseState> license,
    [FromKeyedServices(LicenseClock.Key)] TimeProvider time) : Grain, ILicenseGrain
{
    public async Task<LicenseInfo> InstallAsync(SignedLicense document, LicenseTerms terms, string? actor, CancellationToken cancellationToken)
    {
        if (license.State.Document is SignedLicense installed)
        {
            return installed.Payload.AsSpan().SequenceEqual(document.Payload)
                ? Info()
                : throw CarmenException.Conflict($"The tenant already holds another license with id '{terms.Id}'.", "id");
        }

        DateTimeOffset now = time.GetUtcNow();
        license.State = new LicenseState
        {
            Document = document,
            Terms = terms,
            InstalledAt = now,
            History = [new LicenseEvent(now, "installed", actor,
                $"{terms.Plan}, signed by key {document.KeyId}, valid {terms.ValidFrom:u} to {terms.ValidUntil:u}{(terms.Renews is null ? "" : $", renewing {terms.Renews}")}")],
        };
        await license.WriteStateAsync(cancellationToken);
        return Info();
    }

    public Task<LicenseInfo?> FindAsync(CancellationToken cancellationToken) =>
        Task.FromResult(license.State.Document is null ? null : Info());

    public async Task RenewedByAsync(LicenseTerms renewal, string? actor, CancellationToken cancellationToken)
    {
        LicenseTerms terms = license.State.Terms ?? throw NoSuchLicense();
        if (license.State.RenewedBy == renewal.Id)
        {
            return;
        }

        TimeSpan gap = renewal.ValidFrom - terms.ValidUntil;
        string continuity = gap > TimeSpan.Zero
            ? $"a gap of {gap.TotalDays:0.#} day(s) after this license expires (its grace period covers {terms.GraceDays})"
            : "no gap";
        license.State.RenewedBy = renewal.Id;
        license.State.History.Add(new LicenseEvent(time.GetUtcNow(), "renewed", actor,
            $"renewed by {renewal.Id} ({renewal.Plan}) from {renewal.ValidFrom:u} to {renewal.ValidUntil:u}: {continuity}"));
        await license.WriteStateAsync(cancellationToken);
    }

    public Task EraseAsync(CancellationToken cancellationToken) => license.ClearStateAsync(cancellationToken);

    public Task<SignedLicense> GetDocumentAsync(CancellationToken cancellationToken) =>
        Task.FromResult(license.State.Document ?? throw NoSuchLicense());

    /// <summary>Not found, named as the API names it: the license id is the key's part after the tenant.</summary>
    private CarmenException NoSuchLicense() =>
        CarmenException.NotFound($"The tenant holds no license '{this.GetPrimaryKeyString().Split('/', 2)[^1]}'.");

    private LicenseInfo Info()
    {
        LicenseTerms terms = license.State.Terms!;
        return new LicenseInfo(terms, license.State.Document!.KeyId, terms.PhaseAt(time.GetUtcNow()), license.State.InstalledAt, license.State.History, license.State.RenewedBy);
    }
}
