using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// The row a device grain keeps in the query index: what listings filter and sort on, the hash of its access token,
/// the silo holding its MQTT connection (so that silo's death can take it offline), and its installed and target
/// distribution sets (so a set in use is found without asking 100,000 grains), and its place among gateways.
/// </summary>
public sealed record DeviceIndexEntry(
    string TenantId,
    string DeviceId,
    string Name,
    string ClusterId,
    string? Type,
    IReadOnlyList<string> Labels,
    DeviceStatus Status,
    string? FirmwareVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    string? AccessTokenHash,
    string? ConnectedVia = null,
    string? MqttUsername = null,
    string? MqttClientId = null,
    long? InstalledDistributionSetId = null,
    long? TargetDistributionSetId = null,
    bool IsGateway = false,
    string? GatewayId = null)
{
    /// <summary>The row a device's state makes: what its grain writes after every change, and what a check rebuilds.</summary>
    public static DeviceIndexEntry Of(DeviceKey key, DeviceState state) => new(
        key.TenantId, key.DeviceId, state.Name, state.ClusterId, state.Type, state.Labels, state.Status,
        state.FirmwareVersion, state.CreatedAt, state.LastSeenAt, state.AccessTokenHash, state.Connection?.Gateway,
        state.MqttUsername, state.MqttClientId, state.InstalledDistributionSetId, UpdateActions.TargetDistributionSetId(state.Actions),
        state.IsGateway, state.GatewayDeviceId);
}
