namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>A device's message would exceed a rate limit; the message says which.</summary>
internal sealed class RateLimitExceededException(string limit) : Exception(limit);
