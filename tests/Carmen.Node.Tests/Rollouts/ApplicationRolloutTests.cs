using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>
/// Application lifecycle across tenants: releases of the tenants' application configuration, rolled out by the same
/// engine as firmware, with tenants as targets. Every rollout names its tenants, since the host is shared.
/// </summary>
public sealed class ApplicationRolloutTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    private const string Rollouts = "/api/v1/platform/application/rollouts";

    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task ForcedReleaseReachesTheCanaryTenantThenTheOthersWithItsChangelog()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string[] tenants = await CreateTenantsAsync(admin, 4);
        long release = await PublishAsync(admin, "ships tracking v2", new { tracking = new { provider = "v2", intervalSeconds = 30 } });

        long id = await CreateRolloutAsync(admin, new
        {
            name = "tracking v2",
            releaseId = release,
            targetFilter = new { tenantIds = tenants },
            groups = new object[] { new { name = "canary", count = 1 }, new { name = "everyone", percentage = 100 } },
        });
        JsonObject ready = await admin.GetAsync($"{Rollouts}/{id}");
        await admin.SendOkAsync(HttpMethod.Post, $"{Rollouts}/{id}/start");
        JsonObject finished = await admin.GetEventuallyAsync($"{Rollouts}/{id}", rollout => rollout["status"]!.GetValue<string>() == "finished");
        JsonArray members = (await admin.GetAsync($"{Rollouts}/{id}/tenants"))["items"]!.AsArray();
        JsonObject application = await admin.GetAsync($"/api/v1/tenants/{tenants[2]}/application");

        (ready["targetKind"]!.GetValue<string>(), ready["releaseId"]!.GetValue<long>()).Should().Be(("tenants", release));
        ready["distributionSetId"].Should().BeNull("an application rollout installs no distribution set");
        (ready["groups"]![0]!["size"]!.GetValue<int>(), ready["groups"]![1]!["size"]!.GetValue<int>()).Should().Be((1, 3));
        Count(finished["counts"]!, "succeeded").Should().Be(4);
        members.Select(member => member!["targetId"]!.GetValue<string>()).Should().BeEquivalentTo(tenants);
        application["current"]!["releaseId"]!.GetValue<long>().Should().Be(release);
        application["current"]!["changelog"]!.GetValue<string>().Should().Be("ships tracking v2");
        application["current"]!["rolloutId"]!.GetValue<long>().Should().Be(id);
        application["configuration"]!["tracking"]!["provider"]!.GetValue<string>().Should().Be("v2");
        application["history"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task SoftReleaseWaitsForTenantAdminsAndARejectionRollsTheOthersBack()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string[] tenants = await CreateTenantsAsync(admin, 3);
        long v1 = await PublishAsync(admin, "first", new { reports = "basic" });
        long v2 = await PublishAsync(admin, "new reports", new { reports = "advanced" });
        long baseline = await CreateRolloutAsync(admin, new { name = "baseline", releaseId = v1, targetFilter = new { tenantIds = tenants }, groups = new object[] { new { percentage = 100 } } });
        await admin.SendOkAsync(HttpMethod.Post, $"{Rollouts}/{baseline}/start");
        await admin.GetEventuallyAsync($"{Rollouts}/{baseline}", rollout => rollout["status"]!.GetValue<string>() == "finished");

        long id = await CreateRolloutAsync(admin, new
        {
            name = "advanced reports, tenants decide",
            releaseId = v2,
            actionType = "soft",
            targetFilter = new { tenantIds = tenants },
            groups = new object[] { new { percentage = 100 } },
            errorCondition = new { count = 1, action = "rollback" },
        });
        await admin.SendOkAsync(HttpMethod.Post, $"{Rollouts}/{id}/start");
        await admin.GetEventuallyAsync($"{Rollouts}/{id}", rollout => Count(rollout["counts"]!, "running") == 3);
        using CarmenClient first = await TenantAdminAsync(tenants[0]);
        using CarmenClient second = await TenantAdminAsync(tenants[1]);
        JsonObject offered = await first.GetAsync($"/api/v1/tenants/{tenants[0]}/application");
        long firstAction = offered["pending"]!["id"]!.GetValue<long>();
        long secondAction = (await second.GetAsync($"/api/v1/tenants/{tenants[1]}/application"))["pending"]!["id"]!.GetValue<long>();

        JsonObject accepted = await first.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenants[0]}/application/actions/{firstAction}/accept");
        await admin.GetEventuallyAsync($"{Rollouts}/{id}", rollout => Count(rollout["counts"]!, "succeeded") == 1);
        await second.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenants[1]}/application/actions/{secondAction}/reject", new { reason = "breaks our month-end report" });
        JsonObject rolledBack = await admin.GetEventuallyAsync($"{Rollouts}/{id}",
            rollout => rollout["status"]!.GetValue<string>() == "rolledBack" && Count(rollout["counts"]!, "rolledBack") == 2 && Count(rollout["counts"]!, "canceled") == 1);
        JsonObject firstAfter = await first.GetAsync($"/api/v1/tenants/{tenants[0]}/application");
        JsonObject thirdAfter = await admin.GetAsync($"/api/v1/tenants/{tenants[2]}/application");
        HttpResponseMessage late = await first.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenants[0]}/application/actions/{firstAction}/reject");

        offered["pending"]!["version"]!.GetValue<string>().Should().Be(await VersionOfAsync(admin, v2));
        offered["current"]!["releaseId"]!.GetValue<long>().Should().Be(v1, "a soft release waits for the tenant");
        (accepted["status"]!.GetValue<string>(), accepted["decidedBy"]!.GetValue<string>()).Should().Be(("finished", $"{tenants[0]}-admin"));
        rolledBack["statusReason"]!.GetValue<string>().Should().Contain("1 of 2 tenants failed");
        firstAfter["current"]!["releaseId"]!.GetValue<long>().Should().Be(v1, "the tenant that took the release is rolled back");
        firstAfter["current"]!["rollback"]!.GetValue<bool>().Should().BeTrue();
        firstAfter["configuration"]!["reports"]!.GetValue<string>().Should().Be("basic");
        firstAfter["history"]!.AsArray().Select(entry => entry!["releaseId"]!.GetValue<long>()).Should().Equal(v1, v2, v1);
        (thirdAfter["current"]!["releaseId"]!.GetValue<long>(), thirdAfter["pending"]).Should().Be((v1, null), "the undecided tenant's offer is withdrawn");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        string reasons = (await admin.GetAsync($"{Rollouts}/{id}/tenants?status=rolledBack"))["items"]!.ToJsonString();
        reasons.Should().Contain(tenants[1]).And.Contain("breaks our month-end report");
    }

    [Fact]
    public async Task ClosedMaintenanceWindowHoldsTheRelease()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string[] tenants = await CreateTenantsAsync(admin, 1);
        long release = await PublishAsync(admin, "night only", new { });
        DateTimeOffset later = DateTimeOffset.UtcNow.AddHours(6);
        long id = await CreateRolloutAsync(admin, new
        {
            name = "in the window",
            releaseId = release,
            targetFilter = new { tenantIds = tenants },
            groups = new object[] { new { percentage = 100 } },
            maintenanceWindow = new { schedule = $"{later.Minute} {later.Hour} * * *", duration = "00:30:00", timeZone = "UTC" },
        });
        await admin.SendOkAsync(HttpMethod.Post, $"{Rollouts}/{id}/start");
        await Task.Delay(1000);

        JsonObject running = await admin.GetAsync($"{Rollouts}/{id}");
        Count(running["counts"]!, "scheduled").Should().Be(1, "nothing is applied outside the window");
        (await admin.GetAsync($"/api/v1/tenants/{tenants[0]}/application"))["current"].Should().BeNull();
    }

    [Fact]
    public async Task RulesNameTheFieldAndTenantsStayInTheirLane()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string[] tenants = await CreateTenantsAsync(admin, 2);
        long release = await PublishAsync(admin, "rules", new { });
        using CarmenClient tenantAdmin = await TenantAdminAsync(tenants[0]);
        object[] groups = [new { percentage = 100 }];

        await ExpectProblemAsync(admin, HttpMethod.Post, Rollouts, new { name = "x", releaseId = release, groups, healthGate = new { expression = "cpu < 90", window = "00:10:00" } }, HttpStatusCode.BadRequest, "healthGate");
        await ExpectProblemAsync(admin, HttpMethod.Post, Rollouts, new { name = "x", releaseId = release, groups, targetFilter = new { clusterId = "c1" } }, HttpStatusCode.BadRequest, "targetFilter");
        await ExpectProblemAsync(admin, HttpMethod.Post, Rollouts, new { name = "x", releaseId = 999_999, groups }, HttpStatusCode.BadRequest, "releaseId");
        await ExpectProblemAsync(admin, HttpMethod.Post, Rollouts, new { name = "x", distributionSetId = 1, groups }, HttpStatusCode.BadRequest, "releaseId");
        await ExpectProblemAsync(admin, HttpMethod.Post, Rollouts, new { name = "x", releaseId = release, groups, actionType = "downloadOnly" }, HttpStatusCode.BadRequest, "actionType");
        await ExpectProblemAsync(admin, HttpMethod.Post, $"/api/v1/tenants/{tenants[0]}/rollouts",
            new { name = "x", distributionSetId = 1, groups, targetFilter = new { tenantIds = tenants } }, HttpStatusCode.BadRequest, "targetFilter.tenantIds");
        await ExpectProblemAsync(admin, HttpMethod.Post, "/api/v1/platform/application/releases", new { version = "bad", configuration = new[] { 1 } }, HttpStatusCode.BadRequest, "configuration");
        await ExpectProblemAsync(admin, HttpMethod.Post, "/api/v1/platform/application/releases", new { version = (await VersionOfAsync(admin, release)).ToUpperInvariant() }, HttpStatusCode.Conflict, "version");
        (await tenantAdmin.SendAsync(HttpMethod.Post, "/api/v1/platform/application/releases", new { version = "mine" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenantAdmin.SendAsync(HttpMethod.Get, Rollouts)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenants[1]}/application")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tenantAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenants[1]}/application/actions/1/accept")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tenantAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenants[0]}/application/actions/1/accept")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<string[]> CreateTenantsAsync(CarmenClient admin, int count)
    {
        var tenants = new string[count];
        for (int i = 0; i < count; i++)
        {
            tenants[i] = await admin.CreateTenantAsync();
        }

        return tenants;
    }

    private static async Task<long> PublishAsync(CarmenClient admin, string changelog, object configuration)
    {
        JsonObject release = await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/application/releases",
            new { version = "v-" + Guid.NewGuid().ToString("N")[..8], changelog, configuration });
        return release["id"]!.GetValue<long>();
    }

    private static async Task<string> VersionOfAsync(CarmenClient admin, long release) =>
        (await admin.GetAsync($"/api/v1/platform/application/releases/{release}"))["version"]!.GetValue<string>();

    private static async Task<long> CreateRolloutAsync(CarmenClient admin, object body)
    {
        long id = (await admin.SendOkAsync(HttpMethod.Post, Rollouts, body))["id"]!.GetValue<long>();
        await admin.GetEventuallyAsync($"{Rollouts}/{id}", rollout => rollout["status"]!.GetValue<string>() is not "creating");
        return id;
    }

    private Task<CarmenClient> TenantAdminAsync(string tenant) => CarmenClient.SignInAsync(Factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

    /// <summary>The shared problem check, and the <c>field</c> extension must be there (it names what to fix).</summary>
    private static async Task ExpectProblemAsync(CarmenClient client, HttpMethod method, string path, object body, HttpStatusCode status, string field)
    {
        JsonObject problem = await (await client.SendAsync(method, path, body)).ShouldBeProblemAsync(status, field);
        problem["field"]!.GetValue<string>().Should().Be(field);
    }
}
