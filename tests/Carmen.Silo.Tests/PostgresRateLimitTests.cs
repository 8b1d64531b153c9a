using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Xunit.Abstractions;

namespace Carmen.Silo.Tests;

/// <summary>
/// Two silos on one PostgreSQL database share a key's limit: calls spread over both are let in up to the burst plus
/// what refilled meanwhile, never more, and both refuse once it is spent (two buckets of their own would have let in
/// twice the burst). The real clock runs, so the bound allows for the time the calls took. Both silos' usage counts
/// add up in the PostgreSQL rollups: every call, and the device's cluster as the one whose resource was read. curl
/// reads the headers of a call let in and of one refused.
/// </summary>
public sealed class PostgresRateLimitTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "limits-admin-1";
    private const int Burst = 20;
    private const double PerSecond = 2;
    private const int Calls = 80;
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task AKeysLimitHoldsAcrossTwoSilos()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        string admin = await first.Http.SignInAsync("admin", AdminPassword);
        await first.Http.CreateTenantWithClusterAsync(admin, "acme");
        await first.Http.CreateDeviceAsync(admin, "acme", "d1");
        string key = await first.Http.CreateViewerKeyAsync(admin, "acme", "exporter");
        await first.Http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/acme/rate-limits", new { perKey = new { requestsPerSecond = PerSecond, burst = Burst } });

        var statuses = new List<(int Silo, HttpStatusCode Status)>(Calls);
        var clock = Stopwatch.StartNew();
        for (int call = 0; call < Calls; call++)
        {
            CarmenProcess silo = call % 2 == 0 ? first : second;
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/acme/devices/d1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using HttpResponseMessage response = await silo.Http.SendAsync(request);
            response.Headers.Contains("RateLimit").Should().BeTrue("every limited answer carries the RateLimit header");
            statuses.Add((call % 2, response.StatusCode));
        }

        double seconds = clock.Elapsed.TotalSeconds;
        int admitted = statuses.Count(call => call.Status == HttpStatusCode.OK);
        int ceiling = Burst + (int)Math.Floor(seconds * PerSecond);
        output.WriteLine($"{Calls} calls alternating over two silos in {seconds:N2} s: {admitted} let in, at most {ceiling} allowed (burst {Burst} + {PerSecond}/s)");

        statuses.Should().OnlyContain(call => call.Status == HttpStatusCode.OK || call.Status == HttpStatusCode.TooManyRequests);
        admitted.Should().BeInRange(Burst, ceiling, "the cluster's bucket never hands out more than it holds, and a lease of one call wastes none");
        statuses.Where(call => call.Status == HttpStatusCode.TooManyRequests).Select(call => call.Silo).Distinct().Should().HaveCount(2, "both silos refuse");

        // Each silo adds its counts to the rollups every 5 s.
        string keyId = key.Substring("carmen_".Length, 16);
        JsonNode usage = await Eventually.ReadAsync(() => first.Http.GetJsonAsync(admin, $"/api/v1/tenants/acme/api-usage?keyId={keyId}"),
            read => read["requests"]!.GetValue<long>() == Calls, TimeSpan.FromSeconds(20));
        JsonNode access = await Eventually.ReadAsync(() => second.Http.GetJsonAsync(admin, "/api/v1/tenants/acme/security-events/patterns?clusterId=c1"),
            read => read["clusterAccess"]!.AsArray().Count == 1, TimeSpan.FromSeconds(20));
        (usage["byStatusClass"]!["2xx"]!.GetValue<long>(), usage["byStatusClass"]!["4xx"]!.GetValue<long>()).Should().Be((admitted, Calls - admitted));
        (access["clusterAccess"]![0]!["keyId"]!.GetValue<string>(), access["clusterAccess"]![0]!["reads"]!.GetValue<long>()).Should().Be((keyId, admitted),
            "the reads let in are the key's access to cluster c1, whichever silo served them");

        // The headers as a client no one here wrote sees them: curl, a call let in on one silo and the next refused on the other.
        await first.Http.CreateTenantWithClusterAsync(admin, "slow");
        string slowKey = await first.Http.CreateViewerKeyAsync(admin, "slow", "poller");
        await first.Http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/slow/rate-limits", new { perKey = new { requestsPerSecond = 0.01, burst = 1 } });
        string letIn = await CurlAsync(first, slowKey);
        string refused = await CurlAsync(second, slowKey);

        letIn.Should().StartWith("HTTP/1.1 200").And.Contain("RateLimit-Policy: \"perKey\";q=1;w=100").And.Contain("RateLimit: \"perKey\";r=0;t=100");
        refused.Should().StartWith("HTTP/1.1 429").And.Contain("Retry-After: 100").And.Contain("Content-Type: application/problem+json")
            .And.Contain("\"limit\":\"perKey\"").And.Contain("RateLimit: \"perKey\";r=0;t=100");
    }

    /// <summary>curl's view of a read with <paramref name="key"/>: status line, headers and body.</summary>
    private static async Task<string> CurlAsync(CarmenProcess silo, string key)
    {
        (int exitCode, string output) = await ExternalTool.RunAsync("/usr/bin/curl",
            ["-s", "-i", "-H", $"Authorization: Bearer {key}", silo.Http.BaseAddress + "api/v1/tenants/slow/devices"], TimeSpan.FromSeconds(20));
        exitCode.Should().Be(0, output);
        return output;
    }

    public void Dispose() => _data.Dispose();
}
