namespace Carmen.EdgeAgent.Ota;

/// <summary>What Carmen asks of the device for an action: install it, stop it, or have it confirmed first.</summary>
public enum OfferKind
{
    Update,
    Cancel,
    Confirm,
}
