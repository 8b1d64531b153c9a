namespace Carmen.Grains.Interfaces.Users;

/// <summary>How a sign-in attempt ended.</summary>
[GenerateSerializer, Alias("Carmen.SignInOutcome")]
public enum SignInOutcome
{
    /// <summary>Password correct.</summary>
    Succeeded = 0,

    /// <summary>Unknown user or wrong password; the two are not told apart.</summary>
    InvalidCredentials = 1,

    /// <summary>Too many failures in a row; refused until the lockout ends, whatever the password.</summary>
    LockedOut = 2,
}
