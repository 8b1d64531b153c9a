using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Updates;

/// <summary>A tenant's DDI settings. A gateway token is generated here, shown once, and only its hash kept.</summary>
[GrainType("ddi-settings")]
public sealed class DdiSettingsGrain(
    [PersistentState("ddi", StorageNames.Tenants)] IPersistentState<DdiSettingsState> settings,
    TimeProvider time) : Grain, IDdiSettingsGrain
{
    private static readonly TimeSpan s_minPollingSleep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxPollingSleep = TimeSpan.FromHours(24);

    public Task<DdiSettings> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task EraseAsync(CancellationToken cancellationToken) => settings.ClearStateAsync(cancellationToken);

    public async Task<DdiSettingsChange> UpdateAsync(DdiSettingsUpdate update, CancellationToken cancellationToken)
    {
        DdiSettings next = Current;
        if (update.PollingSleep is TimeSpan sleep)
        {
            next = sleep < s_minPollingSleep || sleep > s_maxPollingSleep
                ? throw CarmenException.Invalid("pollingSleep", "The polling interval is 00:00:01 to 24:00:00.")
                : next with { PollingSleep = sleep };
        }

        if (update.AutoRegisterClusterId is string clusterId)
        {
            DeviceAdmission admission = await GrainFactory.GetGrain<ITenantGrain>(this.GetPrimaryKeyString())
                .AdmitDevicesAsync(0, new HashSet<string> { clusterId }, cancellationToken);
            next = admission.UnknownClusterIds.Count > 0
                ? throw CarmenException.Invalid("autoRegisterClusterId", $"Cluster '{clusterId}' does not exist.")
                : next with { AutoRegisterClusterId = clusterId };
        }

        if (update.AutoRegister is bool autoRegister)
        {
            next = next with { AutoRegister = autoRegister };
        }

        if (next.AutoRegister && next.AutoRegisterClusterId is null)
        {
            throw CarmenException.Invalid("autoRegisterClusterId", "Auto-registration needs the cluster new devices join.");
        }

        string? token = null;
        if (update.IssueGatewayToken)
        {
            token = AccessTokens.Generate();
            next = next with { GatewayTokenHash = AccessTokens.Hash(token), GatewayTokenIssuedAt = time.GetUtcNow() };
        }
        else if (update.RevokeGatewayToken)
        {
            next = next with { GatewayTokenHash = null, GatewayTokenIssuedAt = null };
        }

        settings.State.Settings = next;
        await settings.WriteStateAsync(cancellationToken);
        return new DdiSettingsChange(next, token);
    }

    private DdiSettings Current => settings.State.Settings;
}
