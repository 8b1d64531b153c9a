namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// An action as offered to its device now: DDI's "download" and "update" handling (forced, attempt or skip) and, when
/// the action has a maintenance window, whether it is open ("available") or not ("unavailable").
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeploymentOffer")]
public sealed record DeploymentOffer(
    [property: Id(0)] UpdateAction Action,
    [property: Id(1)] string Download,
    [property: Id(2)] string Update,
    [property: Id(3)] string? MaintenanceWindow);
