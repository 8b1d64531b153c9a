using Carmen.Grains.Interfaces.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Auth;

/// <summary>
/// This process's copy of the signing keys. Token validation is synchronous in ASP.NET Core, so keys are read from
/// the grain in the background (on start, then every <see cref="TokenOptions.KeyRefreshInterval"/>) and served from memory.
/// </summary>
public sealed class SigningKeyCache(IGrainFactory grains, IOptions<TokenOptions> options, TimeProvider time) : BackgroundService
{
    private volatile SigningKeySet? _keys;

    public IEnumerable<SecurityKey> ValidationKeys =>
        _keys?.Keys.Select(ToSecurityKey) ?? [];

    public async Task<(SigningKey Key, SymmetricSecurityKey SecurityKey)> GetActiveKeyAsync(CancellationToken cancellationToken)
    {
        SigningKeySet keys = _keys ?? await RefreshAsync(cancellationToken);
        return (keys.ActiveKey, ToSecurityKey(keys.ActiveKey));
    }

    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        // Old keys keep validating for twice the token lifetime: every token they signed has expired by then.
        _keys = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).RotateAsync(options.Value.TokenLifetime * 2, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The cluster may still be starting; the previous keys stay in use and the next tick retries.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<SigningKeySet> RefreshAsync(CancellationToken cancellationToken) =>
        _keys = await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).GetKeysAsync(cancellationToken);

    private static SymmetricSecurityKey ToSecurityKey(SigningKey key) => new(key.Secret) { KeyId = key.KeyId };
}
