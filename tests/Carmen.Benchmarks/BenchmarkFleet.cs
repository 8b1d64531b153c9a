using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>The benchmark tenant of a running node: tenant "bench", business unit "bu", cluster "c1", and devices registered in bulk.</summary>
internal static class BenchmarkFleet
{
    public static async Task CreateTenantAsync(CarmenProcess node, string token)
    {
        await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "bench", name = "Benchmark" });
        await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units", new { id = "bu", name = "BU" });
        await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/business-units/bu/clusters", new { id = "c1", name = "C1" });
    }

    /// <summary>Registers devices d0000000 up to <paramref name="count"/> - 1 in cluster c1, each with the access token <paramref name="accessToken"/> gives it.</summary>
    public static async Task RegisterDevicesAsync(CarmenProcess node, string token, int count, Func<int, string> accessToken)
    {
        foreach (int[] chunk in Enumerable.Range(0, count).Chunk(10_000))
        {
            JsonNode import = await node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bench/devices/bulk?wait=25",
                chunk.Select(i => new { id = DeviceId(i), clusterId = "c1", accessToken = accessToken(i) }).ToArray());
            while (import["state"]!.GetValue<string>() == "running")
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                import = await node.Http.GetJsonAsync(token, $"/api/v1/tenants/bench/devices/imports/{import["id"]!.GetValue<string>()}");
            }

            if (import["succeeded"]!.GetValue<int>() != chunk.Length)
            {
                throw new InvalidOperationException($"Registration failed: {import.ToJsonString()[..Math.Min(500, import.ToJsonString().Length)]}");
            }
        }
    }

    public static string DeviceId(int device) => $"d{device:D7}";
}
