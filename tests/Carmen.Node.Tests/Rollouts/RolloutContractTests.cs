using System.Text.Json.Nodes;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>A rollout is read back in the shape it was written in, so an operator can repeat one by posting what GET gave.</summary>
public sealed class RolloutContractTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    private static readonly string[] s_requestFields =
    [
        "name", "description", "distributionSetId", "releaseId", "actionType", "forceTime", "targetFilter", "successCondition",
        "errorCondition", "pacing", "maintenanceWindow", "healthGate", "requireApproval", "priority", "inProgressTimeout",
        "maxRetries", "confirmationRequired",
    ];

    private static readonly string[] s_groupFields = ["name", "percentage", "count", "targetFilter", "successCondition", "errorCondition"];

    [Fact]
    public async Task ARolloutReadBackCanBePostedAgainAndMeansTheSame()
    {
        using RolloutSetup setup = await RolloutSetup.CreateAsync(host.Factory, devices: 4);
        long first = await setup.CreateRolloutAsync(new
        {
            name = "2.0 to the unit",
            description = "every setting a rollout has",
            distributionSetId = setup.NewSetId,
            actionType = "soft",
            targetFilter = new { businessUnitId = "bu", type = (string?)null },
            groups = new object[]
            {
                new
                {
                    name = "canary", percentage = 50,
                    successCondition = new { percentage = 90, stableFor = "00:10:00" },
                    errorCondition = new { count = 1, action = "rollback" },
                },
                new { count = 2, targetFilter = new { clusterId = "c1" } },
            },
            successCondition = new { percentage = 95, requireApproval = true },
            errorCondition = new { percentage = 20, minSample = 2 },
            pacing = new { maxPerMinute = 10, ramp = new { startPerMinute = 2, factor = 3 } },
            maintenanceWindow = new { schedule = "0 2 * * *", duration = "02:00:00", timeZone = "Europe/Berlin" },
            healthGate = new { expression = "cpu < 90", window = "00:30:00", requireHeartbeat = true },
            priority = 3,
            inProgressTimeout = "1.00:00:00",
            maxRetries = 2,
            confirmationRequired = true,
        });
        JsonObject original = await setup.GetAsync(first);

        JsonObject posted = await setup.Admin.SendOkAsync(HttpMethod.Post, setup.Rollouts, original);
        long second = posted["id"]!.GetValue<long>();
        JsonObject repeated = await setup.WaitAsync(second, rollout => rollout["status"]!.GetValue<string>() is not "creating");

        second.Should().NotBe(first);
        foreach (string field in s_requestFields)
        {
            JsonNode.DeepEquals(repeated[field], original[field]).Should().BeTrue($"{field} reads back as {original[field]?.ToJsonString()}");
        }

        for (int group = 0; group < 2; group++)
        {
            foreach (string field in s_groupFields)
            {
                JsonNode.DeepEquals(repeated["groups"]![group]![field], original["groups"]![group]![field]).Should().BeTrue($"groups[{group}].{field}");
            }
        }

        original["targetFilter"]!["clusterIds"]!.AsArray().Select(id => id!.GetValue<string>()).Should().Equal("c1");
        (original["groups"]![0]!["name"]!.GetValue<string>(), original["groups"]![1]!["name"]!.GetValue<string>()).Should().Be(("canary", "Group 2"));
        original["pacing"]!["ramp"]!["factor"]!.GetValue<double>().Should().Be(3);
        original["inProgressTimeout"]!.GetValue<string>().Should().Be("1.00:00:00");
        original["groups"]![0]!["size"]!.GetValue<int>().Should().Be(2, "the unit's four devices, half of them in the canary");
    }
}
