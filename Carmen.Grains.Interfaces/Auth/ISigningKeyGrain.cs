namespace Carmen.Grains.Interfaces.Auth;

/// <summary>
/// The platform's token signing keys, persisted with the data so tokens stay valid across restarts and silos.
/// A singleton: use <see cref="Key"/>.
/// </summary>
[Alias("Carmen.ISigningKeyGrain")]
public interface ISigningKeyGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "jwt";

    /// <summary>The current keys, creating the first one on first use.</summary>
    [Alias("GetKeys")]
    Task<SigningKeySet> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a new key active. The previous keys keep validating tokens for <paramref name="retainPrevious"/>,
    /// long enough for tokens they signed to expire.
    /// </summary>
    [Alias("Rotate")]
    Task<SigningKeySet> RotateAsync(TimeSpan retainPrevious, CancellationToken cancellationToken = default);
}
