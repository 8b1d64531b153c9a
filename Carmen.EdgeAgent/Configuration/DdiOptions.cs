namespace Carmen.EdgeAgent.Configuration;

/// <summary>
/// Taking update actions by polling hawkBit's DDI API (<c>/{tenant}/controller/v1/{controllerId}</c>) instead of having
/// Carmen push them over MQTT: for fleets whose update path must be plain HTTPS. Telemetry, attributes and RPC stay on
/// MQTT. Polling is on when both keys are set; Carmen's answer says how long to sleep between polls.
/// </summary>
public sealed class DdiOptions
{
    /// <summary>The device's tenant, as in Carmen's URLs.</summary>
    public string? Tenant { get; set; }

    /// <summary>The device's id in Carmen: DDI's controller id.</summary>
    public string? ControllerId { get; set; }

    public bool Enabled => Tenant is not null || ControllerId is not null;
}
