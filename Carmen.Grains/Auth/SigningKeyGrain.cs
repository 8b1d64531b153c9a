using System.Security.Cryptography;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Auth;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Auth;

/// <summary>Holds the token signing keys, in the encrypted storage for secrets (<see cref="StorageNames.Secrets"/>).</summary>
[GrainType("signing-keys")]
public sealed partial class SigningKeyGrain(
    [PersistentState("signing-keys", StorageNames.Secrets)] IPersistentState<SigningKeyState> keys,
    TimeProvider time,
    ILogger<SigningKeyGrain> logger) : Grain, ISigningKeyGrain
{
    public async Task<SigningKeySet> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (keys.State.Keys.Count == 0)
        {
            AddActiveKey();
            await keys.WriteStateAsync(cancellationToken);
        }

        return ToSet();
    }

    public async Task<SigningKeySet> RotateAsync(TimeSpan retainPrevious, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (keys.State.Keys.Count > 0)
        {
            keys.State.RetireAt[keys.State.ActiveKeyId] = now + retainPrevious;
        }

        List<string> expired = [.. keys.State.RetireAt.Where(retire => retire.Value <= now).Select(retire => retire.Key)];
        keys.State.Keys.RemoveAll(key => expired.Contains(key.KeyId));
        expired.ForEach(keyId => keys.State.RetireAt.Remove(keyId));
        AddActiveKey();
        await keys.WriteStateAsync(cancellationToken);
        LogRotated(keys.State.ActiveKeyId, keys.State.Keys.Count);
        return ToSet();
    }

    private void AddActiveKey()
    {
        var key = new SigningKey(Guid.CreateVersion7().ToString("N"), RandomNumberGenerator.GetBytes(32), time.GetUtcNow());
        keys.State.Keys.Add(key);
        keys.State.ActiveKeyId = key.KeyId;
    }

    private SigningKeySet ToSet()
    {
        DateTimeOffset now = time.GetUtcNow();
        return new SigningKeySet(
            keys.State.ActiveKeyId,
            [.. keys.State.Keys.Where(key => !keys.State.RetireAt.TryGetValue(key.KeyId, out DateTimeOffset retireAt) || retireAt > now)]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing key rotated; {KeyId} is active, {Count} key(s) held")]
    private partial void LogRotated(string keyId, int count);
}
