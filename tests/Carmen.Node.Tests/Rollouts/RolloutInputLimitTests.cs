using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Rollouts;
using Microsoft.Extensions.DependencyInjection;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>Hostile rollout input: a node keeps serving every tenant, and a tenant's listing keeps answering.</summary>
public sealed class RolloutInputLimitTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task HealthExpressionNestedFiftyThousandDeepIsRefusedAndTheNodeKeepsServing()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        string expression = new string('(', 50_000) + "cpu < 90" + new string(')', 50_000);

        JsonObject problem = await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts,
            new { name = "deep", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } }, healthGate = new { expression, window = "00:10:00" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "healthGate.expression");
        long id = await setup.CreateRolloutAsync(new { name = "fine", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } } });

        problem["detail"]!.GetValue<string>().Should().Contain("characters");
        (await setup.Admin.GetAsync(setup.Rollouts))["items"]!.AsArray().Select(rollout => rollout!["id"]!.GetValue<long>()).Should().Equal(id);
    }

    [Fact]
    public async Task ListingSkipsAnIdWhoseRolloutWasNeverWritten()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        long id = await setup.CreateRolloutAsync(new { name = "written", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } } });

        long orphan = await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRolloutDirectoryGrain>(setup.Tenant).ReserveAsync();

        orphan.Should().BeGreaterThan(id);
        (await setup.Admin.GetAsync(setup.Rollouts))["items"]!.AsArray().Select(rollout => rollout!["id"]!.GetValue<long>()).Should().Equal(id);
    }
}
