using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Provisioning;

namespace Carmen.Grains.Devices;

/// <summary>A device provisioning itself: the credentials it asked for are issued once, and the device is marked provisioned.</summary>
public sealed partial class DeviceGrain
{
    public async Task<ProvisionResult> ProvisionAsync(string? accessToken, MqttBasicCredentials? basic, CancellationToken cancellationToken)
    {
        if (!IsRegistered || device.State.Status is DeviceStatus.Decommissioned or DeviceStatus.Quarantined or DeviceStatus.Isolated)
        {
            return ProvisionResult.Failed($"Device '{Key.DeviceId}' cannot be provisioned: it is not registered, or is quarantined, isolated or decommissioned.");
        }

        if (device.State.ProvisionedAt is not null)
        {
            return ProvisionResult.Failed($"Device '{device.State.Name}' is already provisioned.");
        }

        ProvisionResult issued;
        try
        {
            if (basic is not null)
            {
                await SetBasicCredentialsAsync(basic, cancellationToken);
                issued = new ProvisionResult(true, null, basic with { Password = null }, null);
            }
            else
            {
                issued = new ProvisionResult(true, (await RotateCredentialsAsync(accessToken, cancellationToken)).AccessToken, null, null);
            }
        }
        catch (CarmenException refused)
        {
            return ProvisionResult.Failed(refused.Message);
        }

        device.State.ProvisionedAt = time.GetUtcNow();
        await SaveAsync(cancellationToken);
        return issued;
    }
}
