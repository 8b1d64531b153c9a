namespace Carmen.Grains.Interfaces.Users;

/// <summary>
/// The outcome of a sign-in, the user when it succeeded (with the security stamp its token is to carry), and the end
/// of the lockout when locked.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.SignInDecision")]
public sealed record SignInDecision(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] UserInfo? User,
    [property: Id(2)] DateTimeOffset? LockedUntil,
    [property: Id(3)] string? SecurityStamp = null);
