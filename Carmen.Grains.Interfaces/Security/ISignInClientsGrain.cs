namespace Carmen.Grains.Interfaces.Security;

/// <summary>
/// The addresses and browsers (user agents) an administrator signs in from, keyed like the user's grain; a sign-in from
/// one not seen before is mailed to them, as the best consumer services do.
/// </summary>
[Alias("Carmen.ISignInClientsGrain")]
public interface ISignInClientsGrain : IGrainWithStringKey
{
    /// <summary>Notes a sign-in; true when its address or user agent was new (and, but for the first sign-in, the user was mailed).</summary>
    [Alias("Note")]
    Task<bool> NoteAsync(string address, string? userAgent, string? email, CancellationToken cancellationToken = default);
}
