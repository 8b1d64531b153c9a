using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Rollouts;

namespace Carmen.Grains.Tests;

/// <summary>The rollout's pure parts: grouping, pacing, conditions, and the health expression.</summary>
public sealed class RolloutLogicTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GroupsTakeTheirShareInAStableRandomOrder()
    {
        List<DeviceSummary> fleet = [.. Enumerable.Range(0, 1000).Select(i => Device($"dev-{i:D4}", i % 10 == 0 ? "lab" : null))];
        RolloutGroupSpec[] groups = [new("canary", Percentage: 5), new("lab", Percentage: 100, Filter: new TargetFilter(Labels: ["lab"])), new("rest", Percentage: 100)];

        (IReadOnlyList<IReadOnlyList<string>> first, int unassigned) = RolloutPlanner.Plan("t/1", fleet, groups);
        (IReadOnlyList<IReadOnlyList<string>> again, _) = RolloutPlanner.Plan("t/1", [.. Enumerable.Reverse(fleet)], groups);
        (IReadOnlyList<IReadOnlyList<string>> other, _) = RolloutPlanner.Plan("t/2", fleet, groups);

        first.Select(group => group.Count).Sum().Should().Be(1000);
        first[0].Should().HaveCount(50);
        HashSet<string> lab = [.. fleet.Where(device => device.Labels.Contains("lab")).Select(device => device.Id)];
        first[1].Should().OnlyContain(id => lab.Contains(id));
        first[1].Count.Should().Be(lab.Count - first[0].Count(lab.Contains), "the lab group takes every lab device the canary did not");
        unassigned.Should().Be(0);
        again[0].Should().Equal(first[0], "the order depends on the seed, not on how the index listed the devices");
        other[0].Should().NotEqual(first[0]);
        first[0].Should().NotEqual(fleet.Take(50).Select(device => device.Id), "a canary is not the first devices by name");
    }

    [Fact]
    public void CountGroupsLeaveTheRestUnassigned()
    {
        (IReadOnlyList<IReadOnlyList<string>> groups, int unassigned) =
            RolloutPlanner.Plan("t/3", [.. Enumerable.Range(0, 10).Select(i => Device($"d{i}"))], [new("two", Count: 2), new("three", Count: 3)]);

        groups.Select(group => group.Count).Should().Equal(2, 3);
        unassigned.Should().Be(5);
    }

    [Fact]
    public void TenantGroupsHonourTheirTenantFilter()
    {
        string[] tenants = [.. Enumerable.Range(0, 20).Select(i => $"tenant-{i:D2}")];
        RolloutGroupSpec[] groups = [new("pilots", Percentage: 100, Filter: new TargetFilter(TenantIds: ["tenant-03", "tenant-11"])), new("rest", Percentage: 50)];

        (IReadOnlyList<IReadOnlyList<string>> planned, int unassigned) = RolloutPlanner.Plan("_platform/1", tenants, groups);

        planned[0].Should().BeEquivalentTo(["tenant-03", "tenant-11"]);
        planned[1].Should().HaveCount(10, "half of the 20 tenants, taken from those the pilots left").And.NotContain(planned[0]);
        unassigned.Should().Be(8);
    }

    [Theory]
    [InlineData(RolloutTargetKind.Devices, null, 7L, "distributionSetId")]
    [InlineData(RolloutTargetKind.Tenants, 7L, null, "releaseId")]
    [InlineData(RolloutTargetKind.Tenants, null, null, "releaseId")]
    public void ARolloutRollsOutWhatItsTargetsTake(RolloutTargetKind kind, long? distributionSetId, long? releaseId, string field)
    {
        var spec = new RolloutSpec("r", distributionSetId, Interfaces.Updates.ActionType.Forced, new TargetFilter(), [new("all", Percentage: 100)],
            new SuccessCondition(), TargetKind: kind, ReleaseId: releaseId);

        Action validate = () => RolloutRules.Validate(spec);

        validate.Should().Throw<CarmenException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void ATenantRolloutTakesNoDeviceCriteria()
    {
        var spec = new RolloutSpec("r", null, Interfaces.Updates.ActionType.Forced, new TargetFilter(TenantIds: ["a"]),
            [new("lab", Percentage: 100, Filter: new TargetFilter(Labels: ["lab"]))], new SuccessCondition(), TargetKind: RolloutTargetKind.Tenants, ReleaseId: 3);

        Action validate = () => RolloutRules.Validate(spec);

        validate.Should().Throw<CarmenException>().Which.Field.Should().Be("groups[0].targetFilter");
    }

    [Fact]
    public void PacerAllowsTheRateEachMinuteAndRampsUp()
    {
        var pacing = new Pacing(MaxPerMinute: 100, RampStartPerMinute: 10, RampFactor: 3);
        var pacer = new DispatchPacer();

        int first = pacer.Available(pacing, s_start);
        pacer.Take(first);
        int sameMinute = pacer.Available(pacing, s_start.AddSeconds(59));
        int secondMinute = pacer.Available(pacing, s_start.AddMinutes(1));
        int later = pacer.Available(pacing, s_start.AddMinutes(5));

        (first, sameMinute, secondMinute, later).Should().Be((10, 0, 30, 100));
        new DispatchPacer().Available(null, s_start).Should().Be(int.MaxValue);
    }

    [Fact]
    public void ErrorConditionNeedsItsSampleAndLooksPastTheBaseline()
    {
        var percentage = new ErrorCondition(Percentage: 20, MinSample: 10);
        var counts = new MemberCounts(Running: 90, Succeeded: 6, Failed: 3);

        RolloutConditions.ErrorMet(percentage, counts, 0, 0).Should().BeFalse("9 outcomes are below the sample of 10");
        RolloutConditions.ErrorMet(percentage, counts with { Succeeded = 7 }, 0, 0).Should().BeTrue("3 of 10 is 30%");
        RolloutConditions.ErrorMet(new ErrorCondition(Count: 3), counts, 0, 0).Should().BeTrue();
        RolloutConditions.ErrorMet(new ErrorCondition(Count: 3), counts, failedBaseline: 3, settledBaseline: 9).Should().BeFalse("those failures were seen before resuming");
    }

    [Fact]
    public void StablePeriodRestartsAtEachNewFailure()
    {
        var condition = new SuccessCondition(90, StableFor: TimeSpan.FromHours(2));

        RolloutConditions.SuccessDueAt(condition, s_start, null).Should().Be(s_start.AddHours(2));
        RolloutConditions.SuccessDueAt(condition, s_start, s_start.AddHours(1)).Should().Be(s_start.AddHours(3));
        RolloutConditions.SuccessDueAt(condition, null, null).Should().BeNull();
        RolloutConditions.SucceededPercentage(new MemberCounts(Succeeded: 8, Skipped: 2)).Should().Be(100, "skipped devices do not count against a group");
    }

    [Theory]
    [InlineData("cpu < 90 and temp < 80", 50, 70, true)]
    [InlineData("cpu < 90 and temp < 80", 95, 70, false)]
    [InlineData("cpu >= 90 || (temp <= 80 && not cpu == 10)", 10, 80, false)]
    [InlineData("cpu >= 90 or temp <= 80", 10, 80, true)]
    [InlineData("disk./ < 0.9 AND cpu != 0", 5, 0, true)]
    public void HealthExpressionEvaluatesOverTheLatestValues(string expression, double cpu, double temp, bool healthy)
    {
        var values = new Dictionary<string, double> { ["cpu"] = cpu, ["temp"] = temp, ["disk./"] = 0.5 };

        HealthExpression.Parse(expression).Evaluate(key => values.TryGetValue(key, out double value) ? value : null).Should().Be(healthy);
    }

    [Fact]
    public void HealthExpressionLeavesMissingKeysUndecidedButFailsOnAnyBadValue()
    {
        HealthExpression expression = HealthExpression.Parse("cpu < 90 and temp < 80");

        expression.Evaluate(key => key == "cpu" ? 10 : null).Should().BeNull();
        expression.Evaluate(key => key == "cpu" ? 95 : null).Should().BeFalse();
        expression.Explain(key => key == "cpu" ? 95 : null).Should().Be("cpu = 95 (cpu < 90)");
    }

    [Theory]
    [InlineData("cpu <", "unexpected end (expected a finite number) at position 6")]
    [InlineData("cpu < 90 and", "unexpected end (expected a telemetry key) at position 13")]
    [InlineData("cpu ~ 90", "expected one of < <= > >= == != at position 5")]
    [InlineData("(cpu < 90", "unexpected end (expected ')') at position 10")]
    [InlineData("cpu < ninety", "expected a finite number at position 7")]
    [InlineData("cpu < 1e400", "expected a finite number at position 7")]
    [InlineData("90 > cpu", "expected a telemetry key at position 1")]
    public void MalformedHealthExpressionIsRefusedWithItsPosition(string expression, string problem)
    {
        Action parse = () => HealthExpression.Parse(expression);

        parse.Should().Throw<CarmenException>().Which.Message.Should().EndWith($"{problem}.");
    }

    [Theory]
    [InlineData(50_000, "(")]
    [InlineData(40, "(")]
    [InlineData(40, "not ")]
    [InlineData(40, "!")]
    public void DeeplyNestedHealthExpressionIsRefusedWithoutExhaustingTheStack(int depth, string opening)
    {
        string expression = string.Concat(Enumerable.Repeat(opening, depth)) + "cpu < 90" + (opening == "(" ? new string(')', depth) : "");

        Action parse = () => HealthExpression.Parse(expression);

        parse.Should().Throw<CarmenException>().Which.Field.Should().Be("healthGate.expression");
    }

    [Fact]
    public void HealthExpressionNestedToTheLimitIsAccepted()
    {
        string expression = new string('(', HealthExpression.MaxDepth) + "cpu < 90" + new string(')', HealthExpression.MaxDepth);

        HealthExpression.Parse(expression).Evaluate(_ => 50).Should().BeTrue();
    }

    [Fact]
    public void HealthExpressionWithTooManyComparisonsIsRefused()
    {
        string expression = string.Join(" and ", Enumerable.Repeat("cpu < 90", HealthExpression.MaxComparisons + 1));

        Action parse = () => HealthExpression.Parse(expression);

        parse.Should().Throw<CarmenException>().Which.Message.Should().Contain($"more than {HealthExpression.MaxComparisons} comparisons");
    }

    [Fact]
    public void OverlongHealthExpressionIsRefusedByItsLength()
    {
        string expression = "cpu < 90" + new string(' ', HealthExpression.MaxLength);

        Action parse = () => HealthExpression.Parse(expression);

        parse.Should().Throw<CarmenException>().Which.Message.Should().Contain($"at most {HealthExpression.MaxLength} characters");
    }

    private static DeviceSummary Device(string id, string? label = null) =>
        new(id, id, "c1", null, label is null ? [] : [label], DeviceStatus.Registered, null, s_start, null);
}
