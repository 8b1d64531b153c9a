using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Tests;

/// <summary>
/// A ticket's SLA on a moved clock: the first-response clock runs in business hours only and stands while the ticket
/// waits for the requester; a target passed is breached and stays so; each target reads active, paused, met or breached.
/// </summary>
[Collection(ShiftedClockCollection.Name)]
public sealed class TicketSlaTests(ShiftedClockClusterFixture cluster)
{
    private static readonly AuditActor s_requester = new(AuditActorKinds.User, "ann");
    private static readonly AuditActor s_agent = new(AuditActorKinds.PlatformAdmin, "support");

    [Fact]
    public async Task TheClockPausesWhilePendingAndTheTargetsReadAsTheyStand()
    {
        string tenantId = $"sla-{Guid.NewGuid():N}"[..20];
        ISupportSettingsGrain settings = cluster.Grains.GetGrain<ISupportSettingsGrain>(ISupportSettingsGrain.Key);
        // Every hour of every day is working time, so the test is about pauses, not calendars (those are BusinessClockTests').
        await settings.SaveCalendarAsync(new BusinessCalendar($"always-{tenantId}", "Always", "Etc/UTC",
            [.. Enum.GetValues<DayOfWeek>().Select(day => new WorkingHours(day, TimeOnly.MinValue, TimeOnly.MinValue))], []));
        await settings.SavePolicyAsync(new SlaPolicy($"p-{tenantId}", "Urgent in an hour", $"always-{tenantId}",
            new Dictionary<TicketPriority, SlaTargets> { [TicketPriority.Urgent] = new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)) },
            [tenantId]));
        long id = await cluster.Grains.GetGrain<ITicketDirectoryGrain>(tenantId).ReserveAsync();
        ITicketGrain ticket = cluster.Grains.GetGrain<ITicketGrain>(TicketKeys.Of(tenantId, id));
        await ticket.OpenAsync(new TicketDraft("Down", "All devices offline.", TicketPriority.Urgent, null, s_requester, []));

        cluster.Clock.Advance(TimeSpan.FromMinutes(20));
        TicketSla running = (await ticket.GetSlaAsync())!;
        running.PolicyId.Should().Be($"p-{tenantId}");
        running.FirstResponse!.State.Should().Be(SlaTargetState.Active);
        running.FirstResponse.Elapsed.Should().BeCloseTo(TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(5));
        running.FirstResponse.DueAt.Should().BeCloseTo(cluster.Clock.GetUtcNow() + TimeSpan.FromMinutes(40), TimeSpan.FromSeconds(5));
        running.NextResponse.Should().BeNull("nothing waits for a next response yet");

        await ticket.SetStatusAsync(TicketStatus.Pending, byAgent: true);
        cluster.Clock.Advance(TimeSpan.FromHours(5));
        TicketSla paused = (await ticket.GetSlaAsync())!;
        paused.FirstResponse!.State.Should().Be(SlaTargetState.Paused, "pending stops the clock: five hours later only 20 minutes are used");
        paused.FirstResponse.Elapsed.Should().BeCloseTo(TimeSpan.FromMinutes(20), TimeSpan.FromSeconds(5));
        paused.Resolution!.State.Should().Be(SlaTargetState.Paused);

        await ticket.ReplyAsync(s_requester, byAgent: false, "Still down.", isInternal: false);
        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        await ticket.ReplyAsync(s_agent, byAgent: true, "On it.", isInternal: false);
        TicketSla answered = (await ticket.GetSlaAsync())!;
        answered.FirstResponse!.State.Should().Be(SlaTargetState.Met);
        answered.FirstResponse.Elapsed.Should().BeCloseTo(TimeSpan.FromMinutes(50), TimeSpan.FromSeconds(5));

        await ticket.ReplyAsync(s_requester, byAgent: false, "Any news?", isInternal: false);
        cluster.Clock.Advance(TimeSpan.FromMinutes(45));
        TicketSla late = (await ticket.GetSlaAsync())!;
        late.NextResponse!.State.Should().Be(SlaTargetState.Breached, "45 minutes passed against 30");
        late.NextResponse.DueAt.Should().BeNull();
        await ticket.ReplyAsync(s_agent, byAgent: true, "Fixed.", isInternal: false);
        await ticket.SetStatusAsync(TicketStatus.Solved, byAgent: true);

        TicketSla done = (await ticket.GetSlaAsync())!;
        done.NextResponse!.State.Should().Be(SlaTargetState.Breached, "a breach stays a breach once answered");
        done.Resolution!.State.Should().Be(SlaTargetState.Met);
        done.Resolution.Elapsed.Should().BeCloseTo(TimeSpan.FromMinutes(20 + 30 + 45), TimeSpan.FromSeconds(5));
        (await ticket.FindAsync())!.History.Select(change => change.Status)
            .Should().Equal(TicketStatus.New, TicketStatus.Pending, TicketStatus.Open, TicketStatus.Solved);
    }

    [Fact]
    public async Task PoliciesAreValidatedAndATenantGetsItsOwnOrTheDefault()
    {
        ISupportSettingsGrain settings = cluster.Grains.GetGrain<ISupportSettingsGrain>(ISupportSettingsGrain.Key);
        string suffix = Guid.NewGuid().ToString("N")[..8];
        await FluentActions.Awaiting(() => settings.SaveCalendarAsync(new BusinessCalendar($"bad-{suffix}", "Bad", "Mars/Olympus", [new WorkingHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [])))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Field == "timeZone");
        await FluentActions.Awaiting(() => settings.SaveCalendarAsync(new BusinessCalendar($"bad-{suffix}", "Bad", "Etc/UTC",
                [new WorkingHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(13, 0)), new WorkingHours(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(17, 0))], [])))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Field == "workingHours[1]");
        await FluentActions.Awaiting(() => settings.SavePolicyAsync(new SlaPolicy($"p-{suffix}", "P", $"missing-{suffix}",
                new Dictionary<TicketPriority, SlaTargets> { [TicketPriority.Low] = new(TimeSpan.FromHours(1), null, null) }, [$"t-{suffix}"])))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Field == "calendarId");

        await settings.SaveCalendarAsync(new BusinessCalendar($"cal-{suffix}", "Office", "Europe/Berlin", [new WorkingHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], []));
        await FluentActions.Awaiting(() => settings.SavePolicyAsync(new SlaPolicy($"p-{suffix}", "P", $"cal-{suffix}",
                new Dictionary<TicketPriority, SlaTargets> { [TicketPriority.Low] = new(TimeSpan.Zero, null, null) }, [$"t-{suffix}"])))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Field == "targets.low.firstResponseMinutes");
        await settings.SavePolicyAsync(new SlaPolicy($"p-{suffix}", "Own", $"cal-{suffix}",
            new Dictionary<TicketPriority, SlaTargets> { [TicketPriority.Low] = new(TimeSpan.FromHours(8), null, null) }, [$"t-{suffix}"]));
        await FluentActions.Awaiting(() => settings.SavePolicyAsync(new SlaPolicy($"q-{suffix}", "Other", $"cal-{suffix}",
                new Dictionary<TicketPriority, SlaTargets> { [TicketPriority.Low] = new(TimeSpan.FromHours(8), null, null) }, [$"t-{suffix}"])))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Conflict && refused.Field == "tenantIds");
        await FluentActions.Awaiting(() => settings.DeleteCalendarAsync($"cal-{suffix}"))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Conflict);

        (await settings.PolicyForAsync($"t-{suffix}"))!.Policy.Id.Should().Be($"p-{suffix}");
        (await settings.PolicyForAsync($"t-{suffix}"))!.Calendar.TimeZone.Should().Be("Europe/Berlin");
        await settings.DeletePolicyAsync($"p-{suffix}");
        TenantSla? after = await settings.PolicyForAsync($"t-{suffix}");
        (after?.Policy.Id).Should().NotBe($"p-{suffix}", "a deleted policy covers nobody (the default, if one exists, does)");
        await settings.DeleteCalendarAsync($"cal-{suffix}");
    }
}
