using System.Text.Json.Nodes;
using Carmen.Silo.Hosting;
using Carmen.Testing;
using Npgsql;

namespace Carmen.Silo.Tests;

/// <summary>The audit trail on PostgreSQL: records altered or deleted in the tables behind the node's back are found at the right record.</summary>
public sealed class PostgresAuditTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "postgres-admin-1";
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task AlteredAndDeletedRecordsAreReportedByTheApiAndTheVerifyCommand()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        var environment = new Dictionary<string, string>(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
        {
            ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using CarmenProcess node = await CarmenProcess.StartAsync(_data.Path, environment);
        string token = await node.Http.SignInAsync("admin", AdminPassword);
        foreach (string tenant in new[] { "altered", "deleted" })
        {
            await node.Http.CreateTenantWithClusterAsync(token, tenant);
            foreach (string device in new[] { "d1", "d2", "d3" })
            {
                await node.Http.CreateDeviceAsync(token, tenant, device);
            }
        }

        JsonNode intact = await node.Http.GetJsonAsync(token, "/api/v1/tenants/altered/audit/verify");
        JsonNode export = await node.Http.GetJsonAsync(token, "/api/v1/tenants/altered/audit/export");
        (int intactCode, string intactOutput) = await VerifyCommandAsync("altered", connectionString);
        await ExecuteAsync(connectionString, "UPDATE audit_records SET body = replace(body, '\"d2\"', '\"d9\"') WHERE chain = 'altered' AND id = 4");
        await ExecuteAsync(connectionString, "DELETE FROM audit_records WHERE chain = 'deleted' AND id = 3");
        JsonNode altered = await node.Http.GetJsonAsync(token, "/api/v1/tenants/altered/audit/verify");
        JsonNode deleted = await node.Http.GetJsonAsync(token, "/api/v1/tenants/deleted/audit/verify");
        (int brokenCode, string brokenOutput) = await VerifyCommandAsync("altered", connectionString);

        intact["intact"]!.GetValue<bool>().Should().BeTrue(intact.ToJsonString());
        intact["records"]!.GetValue<long>().Should().Be(5, "a business unit, a cluster and three devices");
        export["records"]!.AsArray().Should().HaveCount(5);
        intactCode.Should().Be(0, intactOutput);
        intactOutput.Should().StartWith("altered: 5 records, intact");
        altered["intact"]!.GetValue<bool>().Should().BeFalse();
        altered["firstBrokenRecordId"]!.GetValue<long>().Should().Be(4);
        deleted["firstBrokenRecordId"]!.GetValue<long>().Should().Be(3);
        deleted["problem"]!.GetValue<string>().Should().Contain("missing");
        brokenCode.Should().Be(1);
        brokenOutput.Should().StartWith("altered: broken at record 4:");
    }

    public void Dispose() => _data.Dispose();

    private static async Task<(int Code, string Output)> VerifyCommandAsync(string tenant, string connectionString)
    {
        var output = new StringWriter();
        int code = await AuditCommand.RunAsync(["verify", "--tenant", tenant, "--Carmen:Storage=Postgres", $"--ConnectionStrings:Carmen={connectionString}"], output);
        return (code, output.ToString());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using NpgsqlCommand command = database.CreateCommand(sql);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }
}
