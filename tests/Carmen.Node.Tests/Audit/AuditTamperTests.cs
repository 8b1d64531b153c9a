using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Silo.Hosting;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Audit;

/// <summary>Records changed, rewritten or removed in the embedded store behind Carmen's back are found, at the right record.</summary>
public sealed class AuditTamperTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task RecordAlteredInTheStoreIsReportedAtThatRecord()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        JsonObject before = await Verify(tenant);

        (await AuditStoreFile.AlterAsync(factory.DataDirectory, tenant.Id, 4, "Cluster two", "Cluster 2")).Should().Be(1);
        JsonObject after = await Verify(tenant);

        before["intact"]!.GetValue<bool>().Should().BeTrue();
        before["records"]!.GetValue<long>().Should().Be(9, "the tenant's hierarchy, its administrator and three devices");
        after["intact"]!.GetValue<bool>().Should().BeFalse();
        after["firstBrokenRecordId"]!.GetValue<long>().Should().Be(4);
        after["problem"]!.GetValue<string>().Should().Contain("does not match its hash");
    }

    [Fact]
    public async Task RecordRewrittenWithItsHashIsReportedAtThatRecord()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);

        await AuditStoreFile.RewriteAsync(factory.DataDirectory, tenant.Id, 5, "Business unit two", "Business unit 2");
        JsonObject after = await Verify(tenant);

        after["intact"]!.GetValue<bool>().Should().BeFalse();
        after["firstBrokenRecordId"]!.GetValue<long>().Should().Be(5, "record 6 still carries record 5's true hash");
    }

    [Fact]
    public async Task DeletedRecordIsReportedAsMissingAndTheChainOfAnotherTenantStaysIntact()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        ScopedTenant other = await ScopedTenant.CreateAsync(factory);

        (await AuditStoreFile.DeleteAsync(factory.DataDirectory, tenant.Id, 6)).Should().Be(1);
        JsonObject after = await Verify(tenant);

        after["intact"]!.GetValue<bool>().Should().BeFalse();
        after["firstBrokenRecordId"]!.GetValue<long>().Should().Be(6);
        after["problem"]!.GetValue<string>().Should().Contain("missing");
        (await Verify(other))["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task LatestRecordsDeletedBelowACheckpointAreReported()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/audit/export")); // signs record 9

        await AuditStoreFile.ExecuteAsync(factory.DataDirectory, "DELETE FROM audit_records WHERE chain = @chain AND id >= 8", ("@chain", tenant.Id));
        JsonObject after = await Verify(tenant);

        after["intact"]!.GetValue<bool>().Should().BeFalse();
        after["firstBrokenRecordId"]!.GetValue<long>().Should().Be(8);
    }

    [Fact]
    public async Task ExportedPeriodVerifiesOfflineAndAnEditedExportDoesNot()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        DateTimeOffset from = DateTimeOffset.UtcNow;
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d2"), new { name = "Mixer" });
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d3"), new { name = "Oven" });
        HttpResponseMessage response = await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path($"/audit/export?from={Uri.EscapeDataString(from.ToString("O"))}"));
        string export = await response.Content.ReadAsStringAsync();
        JsonArray keys = JsonNode.Parse(await (await tenant.Admin.SendAsync(HttpMethod.Get, "/api/v1/audit/keys")).Content.ReadAsStringAsync())!.AsArray();
        string fingerprint = keys[0]!["fingerprint"]!.GetValue<string>();
        string file = Path.Combine(factory.DataDirectory, $"{tenant.Id}-export.json");
        string edited = Path.Combine(factory.DataDirectory, $"{tenant.Id}-edited.json");
        await File.WriteAllTextAsync(file, export);
        await File.WriteAllTextAsync(edited, export.Replace("Oven", "Kiln", StringComparison.Ordinal));

        (int code, string output) = await VerifyOffline(file, "--fingerprint", fingerprint);
        (int editedCode, string editedOutput) = await VerifyOffline(edited, "--fingerprint", fingerprint);
        (int foreignCode, string foreignOutput) = await VerifyOffline(file, "--fingerprint", new string('a', 64));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(export)!["records"]!.AsArray().Select(record => record!["id"]!.GetValue<long>()).Should().Equal(10, 11);
        code.Should().Be(0, output);
        output.Should().Contain($"{tenant.Id}: 2 records, intact (records 10 to 11, 1 signed checkpoints, key {fingerprint})");
        editedCode.Should().Be(1);
        editedOutput.Should().Contain("broken at record 11: its text does not match its hash");
        foreignCode.Should().Be(1);
        foreignOutput.Should().Contain("not trusted");
    }

    [Fact]
    public async Task VerifyCommandChecksAStoppedNodesTrail()
    {
        string tenant;
        string dataDirectory;
        await using (var node = new CarmenApiFactory { KeepsDataDirectory = true })
        {
            dataDirectory = node.DataDirectory;
            ScopedTenant scoped = await ScopedTenant.CreateAsync(node);
            tenant = scoped.Id;
            await scoped.Admin.SendAsync(HttpMethod.Get, scoped.Path("/audit/export"));
        }

        try
        {
            var intact = new StringWriter();
            int intactCode = await AuditCommand.RunAsync(["verify", "--tenant", tenant, $"--Carmen:DataDirectory={dataDirectory}"], intact);
            await AuditStoreFile.AlterAsync(dataDirectory, tenant, 2, "Cluster one", "Cluster 1");
            var broken = new StringWriter();
            int brokenCode = await AuditCommand.RunAsync(["verify", "--tenant", tenant, $"--Carmen:DataDirectory={dataDirectory}"], broken);
            var usage = new StringWriter();

            intactCode.Should().Be(0, intact.ToString());
            intact.ToString().Should().StartWith($"{tenant}: 9 records, intact (records 1 to 9, 1 signed checkpoints, 0 latest not yet signed");
            brokenCode.Should().Be(1);
            broken.ToString().Should().StartWith($"{tenant}: broken at record 2:");
            (await AuditCommand.RunAsync(["verify"], usage)).Should().Be(2);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static Task<JsonObject> Verify(ScopedTenant tenant) => tenant.Admin.GetAsync(tenant.Path("/audit/verify"));

    private static Task<(int ExitCode, string Output)> VerifyOffline(string file, params string[] arguments) =>
        ExternalTool.RunAsync("node", [Path.Combine(Repository.Root, "deploy", "audit", "verify-audit-export.mjs"), file, .. arguments], TimeSpan.FromSeconds(30));
}
