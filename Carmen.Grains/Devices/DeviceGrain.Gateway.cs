using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// ThingsBoard gateways: a gateway device registers the children it names (in its own cluster, its id recorded on
/// them), and a child comes online through its gateway's connection, which only its own gateway may offer.
/// </summary>
public sealed partial class DeviceGrain : IGatewayDeviceGrain
{
    /// <summary>The tenant setting that, set to "false", keeps gateways from registering children they name.</summary>
    public const string AutoRegisterChildrenSetting = "gateway.autoRegisterChildren";

    public Task<bool> IsGatewayAsync(CancellationToken cancellationToken) =>
        Task.FromResult(IsRegistered && device.State.IsGateway && device.State.Status is not (DeviceStatus.Quarantined or DeviceStatus.Isolated or DeviceStatus.Decommissioned));

    public async Task<string?> AdoptChildAsync(string name, string? type, CancellationToken cancellationToken)
    {
        if (!await IsGatewayAsync(cancellationToken))
        {
            return $"Device '{Key.DeviceId}' is not a gateway in service.";
        }

        TenantInfo tenant = await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).GetAsync(cancellationToken);
        if (tenant.Settings.TryGetValue(AutoRegisterChildrenSetting, out string? setting) && string.Equals(setting.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return $"Tenant '{Key.TenantId}' registers gateway children by hand ({AutoRegisterChildrenSetting} is false), and '{name}' is not registered.";
        }

        var draft = new DeviceDraft(DeviceNames.IdOf(name), name, device.State.ClusterId, type, GatewayId: Key.DeviceId);
        IReadOnlyList<DeviceRegistrationOutcome> outcomes = await GrainFactory.GetGrain<IDeviceRegistrarGrain>(0)
            .RegisterAsync(Key.TenantId, [draft], Guid.NewGuid().ToString("N"), 0, cancellationToken);
        DeviceRegistrationOutcome outcome = outcomes[0];
        if (outcome.Succeeded)
        {
            LogChildAdopted(Key.TenantId, Key.DeviceId, draft.Id!, name);
            return null;
        }

        // A racing message of the same gateway registered it first; whether it is this gateway's child is the child's to say.
        return outcome.Errors.All(error => error.Kind == ErrorKind.Conflict && error.Field == "id")
            ? null
            : string.Join(" ", outcome.Errors.Select(error => error.Message));
    }

    public async Task<ChildConnectOutcome> ConnectThroughGatewayAsync(string gatewayDeviceId, string name, DeviceConnection connection, CancellationToken cancellationToken)
    {
        if (!IsRegistered)
        {
            return ChildConnectOutcome.Unknown;
        }

        if (device.State.GatewayDeviceId != gatewayDeviceId || device.State.Name != name)
        {
            RememberClosed(connection.ConnectionId);
            return ChildConnectOutcome.NotAChild;
        }

        if (device.State.Connection?.ConnectionId == connection.ConnectionId)
        {
            return ChildConnectOutcome.Connected;
        }

        return await ComeOnlineAsync(connection, cancellationToken) is null ? ChildConnectOutcome.Connected : ChildConnectOutcome.NotAuthorized;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway {TenantId}/{GatewayId} registered its child {DeviceId} ('{Name}')")]
    private partial void LogChildAdopted(string tenantId, string gatewayId, string deviceId, string name);
}
