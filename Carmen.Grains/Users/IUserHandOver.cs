using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Users;

/// <summary>
/// Moves an account made when usernames were global (keyed by the name alone) to its tenant's key
/// (<see cref="UserKeys"/>), password, stamp and lockout included. The tenant asks once, for each of its users.
/// </summary>
[Alias("Carmen.IUserHandOver")]
public interface IUserHandOver : IGrainWithStringKey
{
    /// <summary>On the new key: takes the account over from <paramref name="formerKey"/> unless this key already has one.</summary>
    [Alias("TakeOver")]
    Task TakeOverAsync(string formerKey, CancellationToken cancellationToken = default);

    /// <summary>On the former key: the account, when it exists and belongs to <paramref name="tenantId"/>.</summary>
    [Alias("HandOver")]
    Task<UserState?> HandOverAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>On the former key, once the new key holds the account.</summary>
    [Alias("Forget")]
    Task ForgetAsync(CancellationToken cancellationToken = default);
}
