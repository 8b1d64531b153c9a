using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Auth;

/// <summary>
/// "Carmen:Security:Throttle": how many failed credential checks (sign-ins, DDI tokens) one IP address may make before
/// it is refused for a while, whether the names it tries exist or not; and the node-wide ceiling on failed sign-ins
/// above which only addresses that signed in successfully lately are still heard.
/// </summary>
public sealed class CredentialThrottleOptions
{
    public const string SectionName = "Carmen:Security:Throttle";

    [Range(1, 1_000_000)]
    public int FailuresPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 10_000_000)]
    public int SignInFailuresPerMinute { get; set; } = 600;
}
