using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Audit;

/// <summary>Retention removes old records below a signed checkpoint, and what remains still verifies.</summary>
public sealed class AuditRetentionTests(AuditClockHost host) : IClassFixture<AuditClockHost>
{
    [Fact]
    public async Task OldRecordsAreRemovedAndWhatRemainsVerifiesFromTheBoundaryCheckpoint()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(host.Factory);
        host.Clock.Advance(TimeSpan.FromDays(3));
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { name = "Press" });

        JsonObject retention = await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/audit/retention"), new { days = 2 });
        JsonArray records = (await tenant.Admin.GetAsync(tenant.Path("/audit")))["records"]!.AsArray();
        JsonObject verified = await tenant.Admin.GetAsync(tenant.Path("/audit/verify"));
        await AuditStoreFile.DeleteAsync(host.Factory.DataDirectory, tenant.Id, 10);
        JsonObject afterDelete = await tenant.Admin.GetAsync(tenant.Path("/audit/verify"));

        retention["days"]!.GetValue<int>().Should().Be(2);
        retention["firstRecordId"]!.GetValue<long>().Should().Be(10, "records 1 to 9 were three days old");
        records.Select(record => record!["action"]!.GetValue<string>()).Should().Equal("PUT /audit/retention", "audit.purge", "PATCH /devices/{deviceId}");
        records[1]!["source"]!.GetValue<string>().Should().Be("system");
        verified["intact"]!.GetValue<bool>().Should().BeTrue(verified.ToJsonString());
        verified["firstRecordId"]!.GetValue<long>().Should().Be(10);
        verified["records"]!.GetValue<long>().Should().Be(3);
        afterDelete["intact"]!.GetValue<bool>().Should().BeFalse("the first record left is anchored by the checkpoint over record 9");
        afterDelete["firstBrokenRecordId"]!.GetValue<long>().Should().Be(11);
    }

    [Fact]
    public async Task RetentionIsBetweenOneDayAndAHundredYearsOrNone()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(host.Factory);

        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/audit/retention"), new { days = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "days");
        JsonObject forever = await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/audit/retention"), new { days = (int?)null });

        forever["days"].Should().BeNull();
        forever["firstRecordId"]!.GetValue<long>().Should().Be(1);
    }
}
