using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Testing;

namespace Carmen.Grains.Tests;

/// <summary>Health observations become platform alerts: raised once, cleared on recovery, and a dead silo's own checks cleared with it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlatformHealthGrainTests(ClusterFixture cluster)
{
    private IPlatformHealthGrain Health => cluster.Grains.GetGrain<IPlatformHealthGrain>(0);

    [Fact]
    public async Task AFailingCheckRaisesOneAlertAndItsRecoveryClearsIt()
    {
        string silo = Silo();

        await Health.ObserveAsync([new(PlatformHealthCheck.IngestBacklog, silo, true, "45000 messages queued")]);
        await Health.ObserveAsync([new(PlatformHealthCheck.IngestBacklog, silo, true, "46000 messages queued")]);
        string alertId = (await Health.GetFailingAsync())[$"ingestBacklog/{silo}"];
        IReadOnlyList<AlertSummary> backlogAlerts = [.. (await AlertsAsync()).Where(alert => alert.RuleName == "MQTT ingest backlog")];
        AlertSummary raised = backlogAlerts.Single(alert => alert.Id == alertId);
        await Health.ObserveAsync([new(PlatformHealthCheck.IngestBacklog, silo, false, "12 messages queued")]);
        AlertInfo cleared = await Alert(raised.Id).GetAsync();

        backlogAlerts.Should().HaveCount(1, "the second failing observation is the same condition");
        (raised.Severity, raised.Occurrences).Should().Be((AlertSeverity.Major, 1));
        cleared.ClearedBy.Should().Be(AlertInfo.RuleActor);
        cleared.Raised.Details["summary"].Value.Text.Should().Be("45000 messages queued", "the alert keeps what was measured when it was raised");
        (await Health.GetFailingAsync()).Should().NotContainKey($"ingestBacklog/{silo}");
    }

    [Fact]
    public async Task ASiloThatLeftTakesItsOwnFailingChecksWithIt()
    {
        string silo = Silo();
        await Health.ObserveAsync([new(PlatformHealthCheck.HistoryLag, silo, true, "History is 95 s behind")]);
        string lagAlert = (await Health.GetFailingAsync())[$"historyLag/{silo}"];

        await Health.ObserveAsync([new(PlatformHealthCheck.SiloLeft, silo, true, $"Silo at {silo} was declared dead.")]);
        IReadOnlyDictionary<string, string> failing = await Health.GetFailingAsync();

        failing.Should().ContainKey($"siloLeft/{silo}").And.NotContainKey($"historyLag/{silo}", "a dead silo never reports its lag recovered");
        (await Alert(lagAlert).GetAsync()).State.Should().Be(AlertState.ClearedUnacknowledged);
        (await Alert(failing[$"siloLeft/{silo}"]).GetAsync()).Raised.Severity.Should().Be(AlertSeverity.Major);
    }

    [Fact]
    public async Task APlatformAlertEscalatesThroughThePlatformsOwnChannels()
    {
        await using var receiver = new HttpReceiver();
        string silo = Silo();
        NotificationChannel pager = await cluster.Grains.GetGrain<INotificationChannelsGrain>(IPlatformHealthGrain.AlertScope)
            .CreateAsync(new NotificationChannelDraft($"pager-{silo}", NotificationChannelType.Webhook, receiver.BaseUrl + "pager"));
        EscalationPath path = await cluster.Grains.GetGrain<IAlertRoutingGrain>(IPlatformHealthGrain.AlertScope)
            .CreatePathAsync(new EscalationPathDraft($"ops-{silo}", [new EscalationLevel(0, [pager.Id], [])]));
        await Health.SetEscalationPathAsync(path.Id);
        try
        {
            await Health.ObserveAsync([new(PlatformHealthCheck.StorageErrors, silo, true, "The store does not answer: connection refused")]);
            ReceivedRequest paged = await receiver.NextAsync();

            JsonNode body = JsonNode.Parse(paged.Body)!;
            (body["tenantId"]!.GetValue<string>(), body["alert"]!["ruleName"]!.GetValue<string>(), body["alert"]!["severity"]!.GetValue<string>())
                .Should().Be((IPlatformHealthGrain.AlertScope, "Store not answering", "critical"));
            body["alert"]!["details"]!["subject"]!["value"]!.GetValue<string>().Should().Be(silo);
        }
        finally
        {
            await Health.SetEscalationPathAsync(null);
        }
    }

    private static string Silo() => $"127.0.0.{Random.Shared.Next(2, 250)}:{Random.Shared.Next(10_000, 60_000)}";

    private IAlertGrain Alert(string alertId) => cluster.Grains.GetGrain<IAlertGrain>(new AlertKey(IPlatformHealthGrain.AlertScope, alertId).ToString());

    private async Task<IReadOnlyList<AlertSummary>> AlertsAsync() =>
        (await cluster.Grains.GetGrain<ITenantAlertsGrain>(IPlatformHealthGrain.AlertScope).SearchAsync(new AlertQuery(PageSize: 1000))).Items;
}
