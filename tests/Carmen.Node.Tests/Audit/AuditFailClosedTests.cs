using System.Net;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Audit;

/// <summary>With Carmen:Audit:FailClosed, changes that cannot be recorded are refused with 503, and resume once the trail writes.</summary>
public sealed class AuditFailClosedTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Audit:FailClosed"] = "true" } };

    [Fact]
    public async Task ChangesAreRefusedWhileTheTrailCannotBeWrittenAndAcceptedOnceItCan()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(_factory);
        await AuditStoreFile.ExecuteAsync(_factory.DataDirectory, "ALTER TABLE audit_records RENAME TO audit_records_away");

        HttpResponseMessage discovered = await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "first" });
        HttpResponseMessage refused = await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "second" });
        string accounts = (await tenant.Admin.GetAsync(tenant.Path("/service-accounts"))).ToJsonString();
        await AuditStoreFile.ExecuteAsync(_factory.DataDirectory, "ALTER TABLE audit_records_away RENAME TO audit_records");
        HttpResponseMessage resumed = await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "third" });

        await discovered.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.Should().NotBeNull();
        accounts.Should().NotContain("second", "a refused change is not made");
        resumed.StatusCode.Should().Be(HttpStatusCode.Created);
        (await tenant.Admin.GetAsync(tenant.Path("/audit/verify")))["intact"]!.GetValue<bool>().Should().BeTrue();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
