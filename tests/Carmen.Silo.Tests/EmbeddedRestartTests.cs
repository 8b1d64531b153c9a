using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>The embedded default keeps everything across a real process restart, including after a SIGKILL.</summary>
public sealed class EmbeddedRestartTests : IDisposable
{
    private const string AdminPassword = "restart-admin-1";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task EverythingAcknowledgedSurvivesAKilledProcess()
    {
        string token;
        await using (CarmenProcess first = await StartAsync(new() { ["CARMEN_ADMIN_PASSWORD"] = AdminPassword }))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "acme", name = "Acme", limits = new { maxDevices = 5000 } });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units", new { id = "plant", name = "Plant" });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units/plant/clusters", new { id = "line-1", name = "Line 1" });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/users", new { username = "acme-ops", password = "ops-password-1", role = "operator" });
            object[] rows = [.. Enumerable.Range(0, 2000).Select(i => new { id = $"dev-{i:D4}", clusterId = "line-1", labels = i % 10 == 0 ? new[] { "canary" } : [] })];
            JsonNode import = await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows);
            import["succeeded"]!.GetValue<int>().Should().Be(2000);
            await first.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/devices/dev-0001/attributes/shared", new { interval = 15 });

            await first.KillAsync();
        }

        await using CarmenProcess second = await StartAsync(new());

        JsonNode tenant = await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme");
        tenant["deviceCount"]!.GetValue<int>().Should().Be(2000);
        tenant["limits"]!["maxDevices"]!.GetValue<int>().Should().Be(5000);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices?label=canary&pageSize=1"))["total"]!.GetValue<long>().Should().Be(200);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices/dev-0001"))["sharedAttributes"]!["interval"]!.GetValue<int>().Should().Be(15);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/business-units/plant/clusters/line-1"))["name"]!.GetValue<string>().Should().Be("Line 1");
        await second.Http.SignInAsync("admin", AdminPassword);
        await second.Http.SignInAsync("acme-ops", "ops-password-1", tenant: "acme");
        second.Output.Should().NotContain("administrator created");
    }

    [Fact]
    public async Task GeneratedAdministratorPasswordIsPrintedOnceAndWorks()
    {
        string password;
        await using (CarmenProcess first = await StartAsync(new()))
        {
            string line = await WaitForLineAsync(first, "password: ");
            password = line[(line.IndexOf("password: ", StringComparison.Ordinal) + "password: ".Length)..].Trim();
            await first.Http.SignInAsync("admin", password);
        }

        await using CarmenProcess second = await StartAsync(new());

        await second.Http.SignInAsync("admin", password);
        second.Output.Should().NotContain("password: ");
    }

    [Fact]
    public async Task ImportInterruptedByAKillResumesFromItsReminderAfterRestart()
    {
        string token;
        string location;
        await using (CarmenProcess first = await StartAsync(new() { ["CARMEN_ADMIN_PASSWORD"] = AdminPassword }))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.CreateTenantWithClusterAsync(token, "bulk");
            object[] rows = [.. Enumerable.Range(0, 10_000).Select(i => new { id = $"d-{i:D5}", clusterId = "c1" })];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/tenants/bulk/devices/bulk", UriKind.Relative))
            {
                Content = System.Net.Http.Json.JsonContent.Create(rows),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage accepted = await first.Http.SendAsync(request);
            accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
            location = accepted.Headers.Location!.ToString();
            while ((await first.Http.GetJsonAsync(token, location))["processed"]!.GetValue<int>() == 0)
            {
                await Task.Delay(20);
            }

            await first.KillAsync();
        }

        // Only the persisted reminder can wake the import now: the test watches the device index, never the import grain.
        await using CarmenProcess second = await StartAsync(new());
        long interruptedAt = (await second.Http.GetJsonAsync(token, "/api/v1/tenants/bulk/devices?pageSize=1"))["total"]!.GetValue<long>();
        long registered;
        DateTime deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(1000);
            registered = (await second.Http.GetJsonAsync(token, "/api/v1/tenants/bulk/devices?pageSize=1"))["total"]!.GetValue<long>();
        }
        while (registered < 10_000 && DateTime.UtcNow < deadline);

        interruptedAt.Should().BeLessThan(10_000, "the kill must have interrupted the import");
        registered.Should().Be(10_000);
        JsonNode status = await second.Http.GetJsonAsync(token, location);
        status["state"]!.GetValue<string>().Should().Be("completed");
        status["succeeded"]!.GetValue<int>().Should().Be(10_000, "rows replayed after the crash count as registered, not as duplicates");
    }

    public void Dispose() => _data.Dispose();

    private Task<CarmenProcess> StartAsync(Dictionary<string, string> environment) => CarmenProcess.StartAsync(_data.Path, environment);

    private static async Task<string> WaitForLineAsync(CarmenProcess node, string marker)
    {
        string? line = await Eventually.ReadAsync(
            () => Task.FromResult(node.Output.Split('\n').FirstOrDefault(candidate => candidate.Contains(marker, StringComparison.Ordinal))),
            found => found is not null);
        line.Should().NotBeNull($"'{marker}' appears in the node's output:\n{node.Output}");
        return line!;
    }
}
