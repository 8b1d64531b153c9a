using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Tests;

/// <summary>
/// A ticket's lifecycle: the support side's first public reply opens it and is its first response; the requester's
/// reply opens a pending or solved ticket again; solved closes by itself once the reopen window (7 days) has passed,
/// and then nothing changes it.
/// </summary>
[Collection(ShiftedClockCollection.Name)]
public sealed class TicketLifecycleTests(ShiftedClockClusterFixture cluster)
{
    private static readonly AuditActor s_requester = new(AuditActorKinds.User, "ann");
    private static readonly AuditActor s_agent = new(AuditActorKinds.PlatformAdmin, "support");

    [Fact]
    public async Task ATicketGoesFromNewToClosedAndOnlyTheRequestersReplyWithinTheWindowReopensIt()
    {
        (ITicketGrain ticket, ITicketDirectoryGrain directory) = await OpenAsync("lifecycle");

        TicketInfo note = await ticket.ReplyAsync(s_agent, byAgent: true, "Looks like the firmware.", isInternal: true);
        note.Status.Should().Be(TicketStatus.New, "an internal note is not an answer");
        note.FirstResponseAt.Should().BeNull();
        TicketInfo answered = await ticket.ReplyAsync(s_agent, byAgent: true, "Which version runs?", isInternal: false);
        answered.Status.Should().Be(TicketStatus.Open);
        answered.FirstResponseAt.Should().Be(answered.Replies[^1].At);
        (await ticket.SetStatusAsync(TicketStatus.Pending, byAgent: true)).Status.Should().Be(TicketStatus.Pending);
        (await ticket.ReplyAsync(s_requester, byAgent: false, "2.1.0", isInternal: false)).Status.Should().Be(TicketStatus.Open);
        (await ticket.SetStatusAsync(TicketStatus.Solved, byAgent: false)).Status.Should().Be(TicketStatus.Solved, "the requester may say it is fixed");

        cluster.Clock.Advance(TimeSpan.FromDays(6));
        TicketInfo reopened = await ticket.ReplyAsync(s_requester, byAgent: false, "It came back.", isInternal: false);
        reopened.Status.Should().Be(TicketStatus.Open);
        reopened.ReopenCount.Should().Be(1);
        reopened.SolvedAt.Should().BeNull();
        TicketInfo solved = await ticket.SetStatusAsync(TicketStatus.Solved, byAgent: true);

        cluster.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        TicketInfo closed = (await ticket.FindAsync())!;
        closed.Status.Should().Be(TicketStatus.Closed);
        closed.ClosedAt.Should().Be(solved.SolvedAt + TimeSpan.FromDays(7));
        (await directory.ListAsync(TicketStatus.Closed)).Select(line => line.Id).Should().Contain(closed.Id);
        (await directory.ListAsync(TicketStatus.Solved)).Select(line => line.Id).Should().NotContain(closed.Id);
        await FluentActions.Awaiting(() => ticket.ReplyAsync(s_requester, byAgent: false, "Again?", isInternal: false))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Conflict);
        await FluentActions.Awaiting(() => ticket.SetStatusAsync(TicketStatus.Open, byAgent: true))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Conflict);
        (await ticket.FindAsync())!.Replies.Should().HaveCount(4, "nothing was added to the closed ticket");
    }

    [Fact]
    public async Task TheRequestersSideMayOnlySolveAndNoSideMakesATicketNewAgain()
    {
        (ITicketGrain ticket, _) = await OpenAsync("moves");

        await FluentActions.Awaiting(() => ticket.SetStatusAsync(TicketStatus.OnHold, byAgent: false))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Forbidden);
        await FluentActions.Awaiting(() => ticket.SetStatusAsync(TicketStatus.New, byAgent: true))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Validation && refused.Field == "status");
        (await ticket.SetStatusAsync(TicketStatus.OnHold, byAgent: true)).Status.Should().Be(TicketStatus.OnHold);
        (await ticket.ReplyAsync(s_requester, byAgent: false, "Any news?", isInternal: false)).Status
            .Should().Be(TicketStatus.OnHold, "on hold waits for someone other than the requester");
        TicketInfo closed = await ticket.SetStatusAsync(TicketStatus.Closed, byAgent: true);
        closed.ClosedAt.Should().NotBeNull();
        await FluentActions.Awaiting(() => ticket.OpenAsync(Draft()))
            .Should().ThrowAsync<CarmenException>().Where(refused => refused.Kind == ErrorKind.Conflict);
    }

    private async Task<(ITicketGrain Ticket, ITicketDirectoryGrain Directory)> OpenAsync(string tenantPrefix)
    {
        string tenantId = $"{tenantPrefix}-{Guid.NewGuid():N}"[..24];
        ITicketDirectoryGrain directory = cluster.Grains.GetGrain<ITicketDirectoryGrain>(tenantId);
        long id = await directory.ReserveAsync();
        ITicketGrain ticket = cluster.Grains.GetGrain<ITicketGrain>(TicketKeys.Of(tenantId, id));
        TicketInfo opened = await ticket.OpenAsync(Draft());
        opened.Status.Should().Be(TicketStatus.New);
        (await directory.ListAsync()).Single().Subject.Should().Be("The gateway drops its children");
        return (ticket, directory);
    }

    private static TicketDraft Draft() => new("The gateway drops its children", "Since this morning.", TicketPriority.High, "connectivity", s_requester, []);
}
