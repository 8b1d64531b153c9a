using System.Net;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Security;
using Carmen.Grains.Interfaces.Users;

namespace Carmen.Api.Security;

/// <summary>
/// The detection rules around a sign-in: an address blocked cluster-wide for credential stuffing is refused before any
/// account is looked at; each failure counts against its address; an administrator's sign-in from a new address or
/// browser is mailed to them and recorded.
/// </summary>
public sealed class SignInDetection(IGrainFactory grains, SecurityEventSink events, TimeProvider time)
{
    /// <summary>How long the address is still blocked for, or null.</summary>
    public async Task<TimeSpan?> BlockedForAsync(IPAddress? address, CancellationToken cancellationToken) =>
        address is not null && await Guard(address).BlockedUntilAsync(cancellationToken) is DateTimeOffset until ? until - time.GetUtcNow() : null;

    public async Task FailedAsync(IPAddress? address, string account, string? tenantId, CancellationToken cancellationToken)
    {
        if (address is not null)
        {
            await Guard(address).RecordFailureAsync(account, tenantId, cancellationToken);
        }
    }

    public async Task SucceededAsync(HttpContext http, string? tenantId, UserInfo user, bool administrator, CancellationToken cancellationToken)
    {
        if (!administrator || ClientAddress.Normal(http.Connection.RemoteIpAddress) is not IPAddress address)
        {
            return;
        }

        string? agent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } given ? given[..Math.Min(given.Length, 512)] : null;
        if (await grains.GetGrain<ISignInClientsGrain>(UserKeys.Of(tenantId, user.Username)).NoteAsync(address.ToString(), agent, user.Email, cancellationToken))
        {
            events.RecordUser(tenantId, SecurityEventTypes.SignInNewClient, user.Username, http, ("mailed", user.Email is null ? "no" : "yes"));
        }
    }

    private IAddressGuardGrain Guard(IPAddress address) => grains.GetGrain<IAddressGuardGrain>(ClientAddress.Normal(address)!.ToString());
}
