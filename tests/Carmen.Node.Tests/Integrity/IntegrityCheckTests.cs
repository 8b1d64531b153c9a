using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Carmen.Silo.Integrity;
using Carmen.Testing.Node;
using Microsoft.Data.Sqlite;

namespace Carmen.Node.Tests.Integrity;

/// <summary>
/// `Carmen.Silo check` on a stopped node: an index row lost, one left a change behind and one without a device are
/// found (--dry-run changes nothing), rebuilt from device state, and the restarted node lists what the devices say; a
/// missing artifact is reported with the module that needs it and cannot be repaired.
/// </summary>
public sealed class IntegrityCheckTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "carmen-check-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CheckRebuildsTheDeviceIndexFromStateAndReportsAMissingArtifact()
    {
        string tenant;
        string sha256;
        await using (var node = new CarmenApiFactory { DataDirectory = _data, KeepsDataDirectory = true })
        {
            using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(node);
            tenant = await admin.CreateTenantAsync();
            foreach (string device in new[] { "d1", "d2", "d3" })
            {
                await admin.CreateDeviceAsync(tenant, device);
            }

            long module = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules", new { name = "app", version = "1.0", type = "application" }))["id"]!.GetValue<long>();
            var file = new ByteArrayContent(RandomNumberGenerator.GetBytes(10_000));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            sha256 = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules/{module}/artifacts", new MultipartFormDataContent { { file, "file", "app.tar" } }))
                ["sha256"]!.GetValue<string>();
        }

        Execute($"""
            DELETE FROM devices WHERE tenant_id = '{tenant}' AND device_id = 'd1';
            UPDATE devices SET name = 'stale name', name_key = 'stale name' WHERE tenant_id = '{tenant}' AND device_id = 'd2';
            INSERT INTO devices (tenant_id, device_id, name, name_key, cluster_id, labels, status, created_at, last_seen_at)
                VALUES ('{tenant}', 'ghost', 'Ghost', 'ghost', 'c1', '[]', 1, 0, 0);
            """);

        (int dryRun, string dryRunOutput) = await CheckAsync("--dry-run");
        (int repaired, string repairOutput) = await CheckAsync();
        (int again, string againOutput) = await CheckAsync();

        dryRun.Should().Be(1, dryRunOutput);
        dryRunOutput.Should().Contain($"{tenant}/d1: no index row\n").And.Contain($"{tenant}/d2: the index row differs from state\n").And.Contain($"{tenant}/ghost: an index row without a device\n");
        repaired.Should().Be(0, repairOutput);
        repairOutput.Should().Contain("3 devices, 3 index rows: 1 missing, 1 stale, 1 orphaned").And.Contain("check: intact once 3 problem(s) were repaired");
        repairOutput.Should().Contain("carmen.db: schema").And.Contain("(current)").And.Contain("1 referenced, 0 missing").And.MatchRegex(@"audit: \d+ chains, \d+ intact");
        again.Should().Be(0, againOutput);
        againOutput.Should().Contain("0 missing, 0 stale, 0 orphaned").And.Contain("check: intact\n");

        await using (var restarted = new CarmenApiFactory { DataDirectory = _data, KeepsDataDirectory = true })
        {
            using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(restarted);
            JsonObject devices = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices");
            devices["items"]!.AsArray().Select(device => $"{device!["id"]}={device["name"]}").Should().Equal("d1=Device d1", "d2=Device d2", "d3=Device d3");
        }

        File.Delete(Path.Combine(_data, "artifacts", sha256[..2], sha256));
        (int missing, string missingOutput) = await CheckAsync();
        missing.Should().Be(1, missingOutput);
        missingOutput.Should().Contain($"{sha256}: missing; needed by {tenant}/app:1.0/app.tar").And.Contain("check: 1 problem(s) stand");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "carmen.db")};Pooling=false");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<(int ExitCode, string Output)> CheckAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        int code = await CheckCommand.RunAsync([.. args, $"--Carmen:DataDirectory={_data}"], output);
        return (code, output.ToString());
    }
}
