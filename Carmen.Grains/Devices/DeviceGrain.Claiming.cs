using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// Device claiming: the secret a device offers is kept as a hash until its claim expires or is taken; five wrong
/// secrets void the claim, so a short secret cannot be guessed through the API.
/// </summary>
public sealed partial class DeviceGrain : IClaimableDeviceGrain
{
    private const int MaxClaimFailures = 5;
    private const int MaxClaimSecretLength = 256;
    private static readonly TimeSpan s_defaultClaimDuration = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_maxClaimDuration = TimeSpan.FromDays(7);

    public async Task MakeClaimableAsync(string secretKey, TimeSpan? duration, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        if (secretKey.Length > MaxClaimSecretLength)
        {
            throw CarmenException.Invalid("secretKey", $"A claiming secret is at most {MaxClaimSecretLength} characters.");
        }

        TimeSpan lasting = duration is TimeSpan given && given > TimeSpan.Zero ? (given > s_maxClaimDuration ? s_maxClaimDuration : given) : s_defaultClaimDuration;
        state.ClaimSecretHash = await Task.Run(() => MqttPasswords.Hash(secretKey), cancellationToken);
        state.ClaimableUntil = time.GetUtcNow() + lasting;
        state.ClaimFailures = 0;
        await device.WriteStateAsync(cancellationToken);
        LogClaimable(Key.TenantId, Key.DeviceId, state.ClaimableUntil.Value);
    }

    public async Task<DeviceInfo> ClaimAsync(string secretKey, string clusterId, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        if (state.ClaimSecretHash is not string hash || state.ClaimableUntil is not DateTimeOffset until || until <= time.GetUtcNow())
        {
            throw CarmenException.NotFound($"Device '{state.Name}' is not claimable now; it makes itself claimable (v1/devices/me/claim) for a while.");
        }

        if (!await Task.Run(() => MqttPasswords.Verify(hash, secretKey ?? ""), cancellationToken))
        {
            if (++state.ClaimFailures >= MaxClaimFailures)
            {
                (state.ClaimSecretHash, state.ClaimableUntil) = (null, null);
            }

            await device.WriteStateAsync(cancellationToken);
            throw CarmenException.Invalid("secretKey", "The secret does not match the one the device offered.");
        }

        DeviceInfo claimed = await UpdateAsync(new DeviceUpdate(ClusterId: clusterId), cancellationToken); // a cluster refused leaves the claim open
        (state.ClaimSecretHash, state.ClaimableUntil, state.ClaimFailures) = (null, null, 0);
        await device.WriteStateAsync(cancellationToken);
        LogClaimed(Key.TenantId, Key.DeviceId, claimed.ClusterId);
        return claimed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} is claimable until {Until}")]
    private partial void LogClaimable(string tenantId, string deviceId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} claimed into cluster {ClusterId}")]
    private partial void LogClaimed(string tenantId, string deviceId, string clusterId);
}
