using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// MQTT basic credentials, the alternative to an access token: a username, a client id or both identify the device
/// (a username across the whole deployment; a client id alone likewise), and an optional password proves it.
/// </summary>
public sealed partial class DeviceGrain
{
    private const int MaxCredentialLength = 128;

    public async Task<DeviceInfo> SetBasicCredentialsAsync(MqttBasicCredentials credentials, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        string? username = Credential(credentials.Username, "username");
        string? clientId = Credential(credentials.ClientId, "clientId");
        if (username is null && clientId is null)
        {
            throw CarmenException.Invalid("username", "Basic credentials name the device by username, client id, or both.");
        }

        if (credentials.Password is { Length: > MaxCredentialLength })
        {
            throw CarmenException.Invalid("password", $"A password is at most {MaxCredentialLength} characters.");
        }

        DeviceKey? holder = username is not null
            ? await index.FindByMqttUsernameAsync(username, cancellationToken)
            : await index.FindByMqttClientIdAsync(clientId!, cancellationToken);
        if (holder is not null && holder != Key)
        {
            throw CarmenException.Conflict(
                username is not null ? "This MQTT username is already used by another device." : "This MQTT client id is already used by another device.",
                username is not null ? "username" : "clientId");
        }

        string? passwordHash = string.IsNullOrEmpty(credentials.Password) ? null : await Task.Run(() => MqttPasswords.Hash(credentials.Password), cancellationToken);
        (state.MqttUsername, state.MqttClientId, state.MqttPasswordHash) = (username, clientId, passwordHash);
        state.AccessTokenHash = null;
        state.CredentialsIssuedAt = time.GetUtcNow();
        await SaveAsync(cancellationToken);
        await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
        return ToInfo();
    }

    public async Task<BasicAuthorization> AuthorizeBasicAsync(MqttBasicCredentials connect, CancellationToken cancellationToken)
    {
        DeviceState state = device.State;
        bool matches = IsRegistered && state.UsesBasicCredentials
            && (state.MqttUsername is null || state.MqttUsername == connect.Username)
            && (state.MqttClientId is null || state.MqttClientId == connect.ClientId)
            && (state.MqttPasswordHash is string hash
                ? !string.IsNullOrEmpty(connect.Password) && await Task.Run(() => MqttPasswords.Verify(hash, connect.Password), cancellationToken)
                : string.IsNullOrEmpty(connect.Password));
        if (!matches)
        {
            return new BasicAuthorization(ConnectDecision.BadCredentials, null);
        }

        return await MayConnectAsync(cancellationToken)
            ? new BasicAuthorization(ConnectDecision.Accepted, CredentialStamp())
            : new BasicAuthorization(ConnectDecision.NotAuthorized, null);
    }

    /// <summary>What a connection's credentials must still be when it registers: the token's hash, or when basic credentials were last set.</summary>
    private string? CredentialStamp() =>
        device.State.UsesBasicCredentials
            ? $"basic:{device.State.CredentialsIssuedAt.UtcTicks}"
            : device.State.AccessTokenHash;

    private static string? Credential(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : value.Length <= MaxCredentialLength && value.All(c => c is > ' ' and <= '~') ? value
        : throw CarmenException.Invalid(field, $"A {field} is 1 to {MaxCredentialLength} printable ASCII characters without spaces.");
}
