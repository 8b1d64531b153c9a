using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A tenant's DDI settings (keyed by tenant id).</summary>
[Alias("Carmen.IDdiSettingsGrain")]
public interface IDdiSettingsGrain : ITenantRecordGrain
{
    /// <summary>The current settings (defaults until changed).</summary>
    [Alias("Get")]
    Task<DdiSettings> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the settings; the auto-registration cluster must exist.</summary>
    [Alias("Update")]
    Task<DdiSettingsChange> UpdateAsync(DdiSettingsUpdate update, CancellationToken cancellationToken = default);
}
