using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Notifications;
using Carmen.Testing;

namespace Carmen.Grains.Tests;

/// <summary>
/// Escalation against a clock the tests move: each level reaches its channels when its delay has passed unacknowledged,
/// the latest level is re-notified meanwhile, and acknowledging or clearing ends it. Webhooks go to a real HTTP listener.
/// </summary>
[Collection(ShiftedClockCollection.Name)]
public sealed class EscalationTests(ShiftedClockClusterFixture cluster) : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-some-length";
    private readonly HttpReceiver _receiver = new();

    [Fact]
    public async Task LevelsArriveOnTimeTheLatestIsRenotifiedAndAcknowledgingStopsIt()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        long onCall = await WebhookAsync(tenantId, "on-call");
        long lead = await WebhookAsync(tenantId, "lead");
        EscalationPath path = await Routing(tenantId).CreatePathAsync(new EscalationPathDraft(
            "Pumps", [new EscalationLevel(0, [onCall], []), new EscalationLevel(15, [lead], [])], RenotifyMinutes: 10));

        IAlertGrain alert = await RaiseAsync(tenantId, "a1", "c1", path.Id);
        ReceivedRequest first = await _receiver.NextAsync();
        await DeliveredAsync(tenantId, onCall, 1);
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));
        ReceivedRequest reminder = await _receiver.NextAsync();
        await DeliveredAsync(tenantId, onCall, 2);
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        ReceivedRequest escalated = await _receiver.NextAsync();
        await DeliveredAsync(tenantId, lead, 1);
        await alert.AcknowledgeAsync("ops");
        cluster.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(1000); // five ticks of the test clock interval: time enough for any notification still due

        (first.Path, Level(first), Repeat(first)).Should().Be(("/on-call", 0, 0));
        (reminder.Path, Level(reminder), Repeat(reminder)).Should().Be(("/on-call", 0, 1), "level 0 is re-notified after ten minutes");
        (escalated.Path, Level(escalated), Repeat(escalated)).Should().Be(("/lead", 1, 0), "level 1 is due fifteen minutes after the raise");
        Body(first)["alert"]!["id"]!.GetValue<string>().Should().Be("a1");
        Body(first)["alert"]!["details"]!["cpu"]!["value"]!.GetValue<double>().Should().Be(97);
        first.Headers[NotificationSender.SignatureHeader].Should().Be(NotificationSender.Signature(Secret, first.Body), "the body is signed with the channel's secret");
        _receiver.Received.Should().HaveCount(3, "acknowledging stops the escalation");
    }

    [Fact]
    public async Task AnAlertGoesToTheTeamsWhoseTerritoryHoldsItsDevice()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        await tenant.CreateBusinessUnitAsync("south", "South");
        await tenant.CreateClusterAsync("south", "s1", "South one");
        long northChannel = await WebhookAsync(tenantId, "north");
        long southChannel = await WebhookAsync(tenantId, "south");
        long everyoneChannel = await WebhookAsync(tenantId, "everyone");
        Team north = await Routing(tenantId).CreateTeamAsync(new TeamDraft("North", [], [new Territory(TerritoryKind.BusinessUnit, "bu")], [northChannel]));
        Team south = await Routing(tenantId).CreateTeamAsync(new TeamDraft("South", [], [new Territory(TerritoryKind.Cluster, "s1")], [southChannel]));
        Team everyone = await Routing(tenantId).CreateTeamAsync(new TeamDraft("Everyone", [], [], [everyoneChannel]));
        EscalationPath path = await Routing(tenantId).CreatePathAsync(new EscalationPathDraft("By territory", [new EscalationLevel(0, [], [north.Id, south.Id])]));

        IAlertGrain inNorth = await RaiseAsync(tenantId, "n1", "c2", path.Id);
        ReceivedRequest northCall = await _receiver.NextAsync();
        IAlertGrain inSouth = await RaiseAsync(tenantId, "s1", "s1", path.Id);
        ReceivedRequest southCall = await _receiver.NextAsync();
        await Task.Delay(600);
        AlertPage southsView = await cluster.Grains.GetGrain<ITenantAlertsGrain>(tenantId).SearchAsync(new AlertQuery(TeamId: south.Id));
        AlertPage everyonesView = await cluster.Grains.GetGrain<ITenantAlertsGrain>(tenantId).SearchAsync(new AlertQuery(TeamId: everyone.Id));

        (await inNorth.GetAsync()).TeamIds.Should().Equal([north.Id, everyone.Id], "c2 is under business unit bu, and a team without territories covers all");
        (await inSouth.GetAsync()).TeamIds.Should().Equal([south.Id, everyone.Id]);
        (northCall.Path, southCall.Path).Should().Be(("/north", "/south"), "the path names both teams, and each alert reaches the one covering its device");
        Body(northCall)["teams"]!.AsArray().Select(team => team!.GetValue<string>()).Should().Equal("North");
        _receiver.Received.Should().HaveCount(2, "the Everyone team is not on the path");
        southsView.Items.Select(alert => alert.Id).Should().Equal("s1");
        southsView.Items[0].TeamIds.Should().Equal(south.Id, everyone.Id);
        everyonesView.Total.Should().Be(2);
    }

    [Fact]
    public async Task ClearingEndsAnEscalationBeforeItsNextLevel()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        long onCall = await WebhookAsync(tenantId, "on-call");
        EscalationPath path = await Routing(tenantId).CreatePathAsync(new EscalationPathDraft(
            "Later", [new EscalationLevel(5, [onCall], [])], RenotifyMinutes: 1));

        IAlertGrain alert = await RaiseAsync(tenantId, "c1", "c1", path.Id);
        await alert.ClearByRuleAsync(cluster.Clock.GetUtcNow());
        cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(1000);

        _receiver.Received.Should().BeEmpty("a cleared alert escalates no further");
    }

    [Fact]
    public async Task AFailingWebhookIsRetriedWithTheSameDeliveryIdThenDeadLetteredAndRedeliveredOnRequest()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        long onCall = await WebhookAsync(tenantId, "flaky");
        EscalationPath path = await Routing(tenantId).CreatePathAsync(new EscalationPathDraft("Now", [new EscalationLevel(0, [onCall], [])]));
        _receiver.StatusFor = _ => 503;
        INotificationChannelsGrain channels = cluster.Grains.GetGrain<INotificationChannelsGrain>(tenantId);

        await RaiseAsync(tenantId, "f1", "c1", path.Id);
        ReceivedRequest[] attempts = [.. await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _receiver.NextAsync()))];
        IReadOnlyList<DeadLetter> letters = await Eventually.ReadAsync(() => channels.ListDeadLettersAsync(), found => found.Count == 1);
        NotificationChannel failing = await channels.GetAsync(onCall);
        _receiver.StatusFor = _ => 204;
        await channels.RedeliverAsync(letters[0].Id);
        ReceivedRequest redelivered = await _receiver.NextAsync();
        NotificationChannel recovered = await Eventually.ReadAsync(() => channels.GetAsync(onCall), channel => channel.Stats.Delivered == 1);

        attempts.Select(attempt => attempt.Headers[NotificationSender.DeliveryHeader]).Distinct().Should().HaveCount(1, "a retry is the same delivery");
        attempts.Select(attempt => Body(attempt)["attempt"]!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        (letters[0].ChannelName, letters[0].Attempts, letters[0].Notification.AlertId).Should().Be(("flaky", 8, "f1"));
        letters[0].LastError.Should().Contain("503");
        (failing.Stats.FailedAttempts, failing.Stats.DeadLettered, failing.Stats.Delivered).Should().Be((8, 1, 0));
        redelivered.Headers[NotificationSender.DeliveryHeader].Should().Be(attempts[0].Headers[NotificationSender.DeliveryHeader]);
        (await channels.ListDeadLettersAsync()).Should().BeEmpty("a redelivered letter leaves the list");
        recovered.Stats.LastError.Should().Contain("503", "the last error stays visible after a success");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private IAlertRoutingGrain Routing(string tenantId) => cluster.Grains.GetGrain<IAlertRoutingGrain>(tenantId);

    private async Task<long> WebhookAsync(string tenantId, string name) =>
        (await cluster.Grains.GetGrain<INotificationChannelsGrain>(tenantId).CreateAsync(
            new NotificationChannelDraft(name, NotificationChannelType.Webhook, _receiver.BaseUrl + name, Secret))).Id;

    /// <summary>
    /// Waits until the channel has heard how its deliveries went: moving the test clock while one is still in flight would make it
    /// look lost, and a lost delivery is rightly sent again.
    /// </summary>
    private Task<NotificationChannel> DeliveredAsync(string tenantId, long channelId, int delivered) =>
        Eventually.ReadAsync(() => cluster.Grains.GetGrain<INotificationChannelsGrain>(tenantId).GetAsync(channelId), channel => channel.Stats.Delivered == delivered);

    private async Task<IAlertGrain> RaiseAsync(string tenantId, string alertId, string clusterId, long pathId)
    {
        IAlertGrain alert = cluster.Grains.GetGrain<IAlertGrain>(new AlertKey(tenantId, alertId).ToString());
        var details = new Dictionary<string, TimestampedValue> { ["cpu"] = new(cluster.Clock.GetUtcNow().ToUnixTimeMilliseconds(), TelemetryValue.FromNumber(97)) };
        await alert.RaiseAsync(new AlertRaised("d1", clusterId, 1, "Hot CPU", AlertSeverity.Critical, cluster.Clock.GetUtcNow(), details, null, pathId));
        return alert;
    }

    private static JsonNode Body(ReceivedRequest request) => JsonNode.Parse(request.Body)!;

    private static int Level(ReceivedRequest request) => Body(request)["escalation"]!["level"]!.GetValue<int>();

    private static int Repeat(ReceivedRequest request) => Body(request)["escalation"]!["repeat"]!.GetValue<int>();
}
