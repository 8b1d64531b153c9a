using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Grains.Interfaces.Posture;

/// <summary>
/// One kind of finding with every device it holds for. <see cref="Mitigation"/> is the incident's actions Carmen
/// offers for it (empty when the remedy is not an incident: renewing certificates, replacing a CA).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.PostureFinding")]
public sealed record PostureFinding(
    [property: Id(0)] PostureFindingKind Kind,
    [property: Id(1)] string Severity,
    [property: Id(2)] string Summary,
    [property: Id(3)] IReadOnlyList<PostureDevice> Devices,
    [property: Id(4)] IReadOnlyList<IncidentAction> Mitigation);
