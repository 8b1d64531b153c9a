using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Users;

/// <summary>How many failed sign-ins in a row lock an account, and for how long.</summary>
public sealed class SignInLockoutOptions
{
    public const string SectionName = "Carmen:Security:Lockout";

    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
