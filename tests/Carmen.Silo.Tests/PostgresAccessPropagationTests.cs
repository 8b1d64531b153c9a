using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Xunit.Abstractions;

namespace Carmen.Silo.Tests;

/// <summary>
/// Two silos on one PostgreSQL database: access granted or removed through one is in force through the other on its
/// next request, and so is an API key revoked through one. The time it takes is measured and written out; the test
/// checks only that it happens.
/// </summary>
public sealed class PostgresAccessPropagationTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "access-admin-1";
    private const string UserPassword = "access-user-pw-1";
    private const int Rounds = 10;
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task AccessGrantedOrRemovedOnOneSiloIsInForceOnTheOther()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess granting = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        await using CarmenProcess checking = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        string admin = await granting.Http.SignInAsync("admin", AdminPassword);
        await granting.Http.CreateTenantWithClusterAsync(admin, "acme");
        await granting.Http.CreateDeviceAsync(admin, "acme", "d1");
        await granting.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/users", new { username = "ops", password = UserPassword, role = "member" });
        string ops = await checking.Http.SignInAsync("ops", UserPassword, "acme");
        var granted = new List<double>();
        var removed = new List<double>();

        for (int round = 0; round < Rounds; round++)
        {
            JsonNode assignment = await granting.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/role-assignments",
                new { userId = "ops", role = "viewer", scope = new { type = "cluster", id = "c1" } });
            granted.Add(await SecondsUntilAsync(checking.Http, ops, HttpStatusCode.OK));
            await granting.Http.SendJsonAsync(admin, HttpMethod.Delete, $"/api/v1/tenants/acme/role-assignments/{assignment["id"]}");
            removed.Add(await SecondsUntilAsync(checking.Http, ops, HttpStatusCode.NotFound));
        }

        output.WriteLine($"granted on one silo, in force on the other after: median {Median(granted) * 1000:N1} ms, max {granted.Max() * 1000:N1} ms ({Rounds} rounds)");
        output.WriteLine($"removed on one silo, in force on the other after: median {Median(removed) * 1000:N1} ms, max {removed.Max() * 1000:N1} ms");
        // An API key revoked on one silo, refused on the other.
        string account = (await granting.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/service-accounts", new { name = "exporter" }))["id"]!.GetValue<string>();
        await granting.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/role-assignments",
            new { serviceAccountId = account, role = "viewer", scope = new { type = "cluster", id = "c1" } });
        var revoked = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            JsonNode key = await granting.Http.SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/tenants/acme/service-accounts/{account}/keys", new { name = $"key {round}" });
            string secret = key["key"]!.GetValue<string>();
            (await SecondsUntilAsync(checking.Http, secret, HttpStatusCode.OK)).Should().BeLessThan(10);
            await granting.Http.SendJsonAsync(admin, HttpMethod.Delete, $"/api/v1/tenants/acme/service-accounts/{account}/keys/{key["id"]}");
            revoked.Add(await SecondsUntilAsync(checking.Http, secret, HttpStatusCode.Unauthorized));
        }

        output.WriteLine($"API key revoked on one silo, refused on the other after: median {Median(revoked) * 1000:N1} ms, max {revoked.Max() * 1000:N1} ms");
        JsonNode changes = await checking.Http.GetJsonAsync(admin, "/api/v1/tenants/acme/access-changes?userId=ops&limit=2");
        changes.AsArray().Select(change => change!["kind"]!.GetValue<string>()).Should().Equal("removed", "granted");
        changes[0]!["address"]!.GetValue<string>().Should().Be("127.0.0.1", "the record names where the change came from");
    }

    /// <summary>Asks for the device until the answer is <paramref name="expected"/>; the seconds that took (at most 10, else the test fails).</summary>
    private static async Task<double> SecondsUntilAsync(HttpClient http, string token, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/acme/devices/d1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await http.SendAsync(request);
            if (response.StatusCode == expected)
            {
                return clock.Elapsed.TotalSeconds;
            }

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), $"the change reaches the other silo (last answer {(int)response.StatusCode})");
            await Task.Delay(5);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    public void Dispose() => _data.Dispose();
}
