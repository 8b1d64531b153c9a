using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>
/// A key's limit held by two silos on PostgreSQL: <c>--parallel</c> callers on each silo ask as fast as they can for
/// <c>--seconds</c>, at three limits in turn; what was let in is set against what the limit allows (its burst plus
/// its rate over the time taken). Then what a limit costs a call: the median of sequential reads with and without one.
/// </summary>
internal static class RateLimitBenchmark
{
    private const string Password = "benchmark-password";
    private static readonly (double PerSecond, int Burst)[] s_limits = [(10, 10), (100, 100), (500, 500)];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        await using PostgresServer postgres = await PostgresServer.StartAsync();
        string connectionString = await postgres.CreateDatabaseAsync();
        Dictionary<string, string> environment = CarmenProcess.ClusterEnvironment(connectionString, Password);
        environment["Logging__LogLevel__Default"] = "Warning";
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(data, "a"), environment);
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(data, "b"), environment);
        string admin = await first.Http.SignInAsync("admin", Password);
        Console.WriteLine($"two silos on PostgreSQL, {options.Parallel} callers on each, {options.Seconds} s per limit");
        for (int i = 0; i < s_limits.Length; i++)
        {
            (double perSecond, int burst) = s_limits[i];
            string key = await TenantKeyAsync(first, admin, $"limited{i}", new { perKey = new { requestsPerSecond = perSecond, burst } });
            (int admitted, int refused, double seconds) = await HammerAsync([first, second], $"limited{i}", key, options.Parallel, TimeSpan.FromSeconds(options.Seconds));
            double allowed = burst + (perSecond * seconds);
            Console.WriteLine($"limit {perSecond,5:N0}/s burst {burst,4}: {admitted,6:N0} let in of {admitted + refused,7:N0} asked in {seconds:N2} s;"
                + $" the limit allows {allowed,8:N1}: {admitted / allowed * 100,6:N2} % of it");
        }

        string free = await TenantKeyAsync(first, admin, "free", null);
        string generous = await TenantKeyAsync(first, admin, "generous", new { perKey = new { requestsPerSecond = 100_000, burst = 100_000 }, perTenant = new { requestsPerSecond = 100_000, burst = 100_000 } });
        double freeMedian = await MedianReadAsync(first, "free", free);
        double limitedMedian = await MedianReadAsync(first, "generous", generous);
        Console.WriteLine($"read without a limit     {freeMedian,8:N3} ms median");
        Console.WriteLine($"read under two limits    {limitedMedian,8:N3} ms median (per key and per tenant, never reached)");
        return 0;
    }

    private static async Task<string> TenantKeyAsync(CarmenProcess node, string admin, string tenant, object? limits)
    {
        await node.Http.CreateTenantWithClusterAsync(admin, tenant);
        await node.Http.CreateDeviceAsync(admin, tenant, "d1");
        string key = await node.Http.CreateViewerKeyAsync(admin, tenant, "bench");
        if (limits is not null)
        {
            await node.Http.SendJsonAsync(admin, HttpMethod.Put, $"/api/v1/tenants/{tenant}/rate-limits", limits);
        }

        return key;
    }

    private static async Task<(int Admitted, int Refused, double Seconds)> HammerAsync(CarmenProcess[] silos, string tenant, string key, int parallel, TimeSpan duration)
    {
        int admitted = 0, refused = 0;
        string path = $"/api/v1/tenants/{tenant}/devices/d1";
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(silos.SelectMany(silo => Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                using HttpResponseMessage response = await SendAsync(silo, key, path);
                _ = response.StatusCode == HttpStatusCode.OK ? Interlocked.Increment(ref admitted) : Interlocked.Increment(ref refused);
            }
        })));
        return (admitted, refused, clock.Elapsed.TotalSeconds);
    }

    private static async Task<double> MedianReadAsync(CarmenProcess silo, string tenant, string key)
    {
        const int Reads = 2_000;
        string path = $"/api/v1/tenants/{tenant}/devices/d1";
        for (int i = 0; i < 200; i++)
        {
            using HttpResponseMessage warm = await SendAsync(silo, key, path);
        }

        var times = new double[Reads];
        for (int i = 0; i < Reads; i++)
        {
            long started = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await SendAsync(silo, key, path);
            response.EnsureSuccessStatusCode();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[Reads / 2];
    }

    private static async Task<HttpResponseMessage> SendAsync(CarmenProcess silo, string key, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await silo.Http.SendAsync(request);
    }
}
