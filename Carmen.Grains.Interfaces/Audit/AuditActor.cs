namespace Carmen.Grains.Interfaces.Audit;

/// <summary>Who did what a record tells: a user, a service account (with the key it used), a device or Carmen itself.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditActor")]
public sealed record AuditActor(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] string? KeyId = null)
{
    /// <summary>Carmen acting on its own (retention, checkpoints, scheduled work).</summary>
    public static AuditActor System { get; } = new(AuditActorKinds.System, "carmen");
}
