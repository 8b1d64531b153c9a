using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

/// <summary>A device's telemetry history: raw points, or avg/min/max/count per interval.</summary>
public static class TelemetryHistoryApi
{
    public const int DefaultLimit = 1_000;
    public const int MaxLimit = 10_000;
    private static readonly TimeSpan s_defaultSpan = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapTelemetryHistoryApi(this RouteGroupBuilder devices)
    {
        devices.MapGet("/{deviceId}/telemetry", GetAsync).RequirePermission(Permissions.DevicesRead)
            .WithSummary("History of one key over [from, to) in Unix ms (default: the last day): raw, or aggregated with agg=avg|min|max|count per interval ms.");
        return devices;
    }

    public static async Task<Ok<TelemetryHistoryResponse>> GetAsync(
        [AsParameters] TenantScope scope, string deviceId, string? key, long? from, long? to, long? interval, string? agg, int? limit, TimeProvider time)
    {
        HistoryQuery query = Validate(key, from, to, interval, agg, limit, time.GetUtcNow());
        // An unknown device is a 404, not an empty history: asking the grain for no keys checks it exists.
        await DeviceConnectivityApi.Device(scope, deviceId).GetLatestTelemetryAsync([], scope.CancellationToken);
        IReadOnlyList<HistoryPoint> points = await scope.Grains.GetGrain<ITelemetryHistoryGrain>(0)
            .QueryAsync(new DeviceKey(scope.TenantId, deviceId).ToString(), query, scope.CancellationToken);
        return TypedResults.Ok(new TelemetryHistoryResponse(
            query.Key, query.From, query.To, query.Aggregation, query.Aggregation == TelemetryAggregation.None ? null : query.Interval,
            [.. points.Select(point => new LatestTelemetryValue(point.Timestamp, JsonValues.Parse(point.Value.ToJson())))]));
    }

    private static HistoryQuery Validate(string? key, long? from, long? to, long? interval, string? agg, int? limit, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw CarmenException.Invalid("key", "Name the telemetry key: ?key=temperature.");
        }

        long end = to ?? now.ToUnixTimeMilliseconds();
        long start = from ?? end - (long)s_defaultSpan.TotalMilliseconds;
        if (start >= end)
        {
            throw CarmenException.Invalid("from", "from is before to (both Unix milliseconds).");
        }

        TelemetryAggregation aggregation = agg is null or "none" ? TelemetryAggregation.None
            : Enum.TryParse(agg, ignoreCase: true, out TelemetryAggregation parsed) && parsed != TelemetryAggregation.None ? parsed
            : throw CarmenException.Invalid("agg", "agg is one of avg, min, max, count, none.");
        if (aggregation != TelemetryAggregation.None && interval is null or < 1000)
        {
            throw CarmenException.Invalid("interval", "An aggregation needs interval, the bucket length in milliseconds (at least 1000).");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw CarmenException.Invalid("limit", $"limit is 1 to {MaxLimit}.");
        }

        return new HistoryQuery(key, start, end, aggregation, interval ?? 0, limit ?? DefaultLimit);
    }
}
