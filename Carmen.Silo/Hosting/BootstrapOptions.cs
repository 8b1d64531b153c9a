namespace Carmen.Silo.Hosting;

/// <summary>"Carmen:Bootstrap": the first platform administrator, created on first start.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Carmen:Bootstrap";

    /// <summary>The environment variable that sets the first administrator's password.</summary>
    public const string PasswordVariable = "CARMEN_ADMIN_PASSWORD";

    public string AdminUsername { get; set; } = "admin";

    /// <summary>From <see cref="PasswordVariable"/>; when unset a password is generated and printed once.</summary>
    public string? AdminPassword { get; set; }
}
