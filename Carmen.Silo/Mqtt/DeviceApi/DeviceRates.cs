namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// The rate limits one connection is held to (its device's own, and its tenant's share on this silo) and its tenant's
/// monthly meter of telemetry points.
/// </summary>
internal sealed class DeviceRates(RateBucket messages, RateBucket points, TenantRateLimits.Entry tenant, TenantMeter meter)
{
    /// <summary>Counts telemetry points against the tenant's month; why not when its licensed points are used up.</summary>
    public string? Metered(int pointCount)
    {
        if (meter.Refusal is string refusal)
        {
            return refusal;
        }

        meter.Count(pointCount);
        return null;
    }

    /// <summary>Null when the message may go on; otherwise which limit it exceeds, as an operator reads it.</summary>
    public string? Exceeded(int pointCount)
    {
        if (!messages.TryTake(1))
        {
            return $"Device message rate limit of {messages.PerSecond:0.#}/s exceeded.";
        }

        if (pointCount > 0 && !points.TryTake(pointCount))
        {
            return $"Device data point rate limit of {points.PerSecond:0.#}/s exceeded.";
        }

        if (tenant.Messages is RateBucket tenantMessages && !tenantMessages.TryTake(1))
        {
            return $"Tenant message rate limit ({tenant.Limits.MessagesPerSecond}/s across the cluster, {tenantMessages.PerSecond:0.#}/s on this silo) exceeded.";
        }

        if (pointCount > 0 && tenant.Points is RateBucket tenantPoints && !tenantPoints.TryTake(pointCount))
        {
            return $"Tenant data point rate limit ({tenant.Limits.PointsPerSecond}/s across the cluster, {tenantPoints.PerSecond:0.#}/s on this silo) exceeded.";
        }

        return null;
    }
}
