using System.ComponentModel.DataAnnotations;
using Carmen.Grains.Interfaces.Network;

namespace Carmen.Grains.Notifications;

/// <summary>How hard Carmen tries to deliver a notification before it dead-letters it.</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string SectionName = "Carmen:Notifications";

    /// <summary>Attempts in all, the first included; with the defaults the last retry comes about 42 minutes after the first attempt.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first retry; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(20);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one attempt may take: connecting, sending and the answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether webhooks, Slack and mail may go to any address, internal ones included. Off (the default), a tenant
    /// cannot make Carmen probe the network it runs in (<see cref="NetworkGuard"/>); an installation whose receivers
    /// are internal lists their networks in <see cref="AllowedNetworks"/> rather than turning this on.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Networks (CIDR, such as 10.20.0.0/16 or 127.0.0.1/32) notifications may reach although they are not public.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The guard on the addresses notifications connect to, or null when any address may be reached.</summary>
    public NetworkGuard? Guard() => AllowPrivateAddresses ? null : new NetworkGuard([.. AllowedNetworks.Select(network => System.Net.IPNetwork.Parse(network))]);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (string network in AllowedNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _)))
        {
            yield return new ValidationResult($"Carmen:Notifications:AllowedNetworks: '{network}' is not a network in CIDR notation (10.20.0.0/16).", [nameof(AllowedNetworks)]);
        }
    }

    /// <summary>The wait before a retry that follows <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        double delay = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(delay);
    }
}
