using Carmen.Grains.Interfaces.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Auth;

/// <summary>
/// This process's copy of the signing keys. Token validation is synchronous in ASP.NET Core, so keys are read from
/// the grain in the background (on start, then every <see cref="TokenOptions.KeyRefreshInterval"/>) and served from
/// memory; the security key objects are built once per refresh, not per validated request.
/// </summary>
public sealed class SigningKeyCache(IGrainFactory grains, IOptions<TokenOptions> options, TimeProvider time) : BackgroundService
{
    private volatile Snapshot? _current;

    public IReadOnlyList<SecurityKey> ValidationKeys => _current?.ValidationKeys ?? [];

    public async Task<SymmetricSecurityKey> GetActiveKeyAsync(CancellationToken cancellationToken)
    {
        Snapshot current = _current ?? await RefreshAsync(cancellationToken);
        return current.ActiveKey;
    }

    public async Task RotateAsync(CancellationToken cancellationToken)
    {
        // Old keys keep validating for twice the token lifetime: every token they signed has expired by then.
        _current = new Snapshot(await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).RotateAsync(options.Value.TokenLifetime * 2, cancellationToken));
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

    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken) =>
        _current = new Snapshot(await grains.GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).GetKeysAsync(cancellationToken));

    private sealed class Snapshot(SigningKeySet keys)
    {
        public IReadOnlyList<SecurityKey> ValidationKeys { get; } = [.. keys.Keys.Select(key => new SymmetricSecurityKey(key.Secret) { KeyId = key.KeyId })];

        public SymmetricSecurityKey ActiveKey => (SymmetricSecurityKey)ValidationKeys.First(key => key.KeyId == keys.ActiveKeyId);
    }
}
