using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Testing;

namespace Carmen.Grains.Tests;

/// <summary>
/// Rules evaluated in the device grain against a clock the tests move: alerts that only time passing can raise
/// (offline, no data, a condition held for its forSeconds), raised by the device's own timer without another message.
/// </summary>
[Collection(ShiftedClockCollection.Name)]
public sealed class DeviceAlertTests(ShiftedClockClusterFixture cluster)
{
    [Fact]
    public async Task OfflineAlertIsRaisedOnceTheOutageLastsItsMinutesAndClearedWhenTheDeviceReturns()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"offline":{"minutes":5}}""");

        await device.DisconnectedAsync(DeviceConnection.Brokered);
        cluster.Clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(600); // three ticks of the test clock interval
        AlertPage early = await AlertsAsync(tenantId);
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);
        await device.BrokeredOnlineAsync();
        AlertSummary cleared = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ClearedUnacknowledged);

        early.Total.Should().Be(0, "four minutes offline is not five");
        (raised.DeviceId, raised.Severity).Should().Be(("d1", AlertSeverity.Major));
        cleared.Id.Should().Be(raised.Id);
        (await Alert(tenantId, raised.Id).GetAsync()).ClearedBy.Should().Be(AlertInfo.RuleActor);
    }

    [Fact]
    public async Task NoDataAlertIsRaisedWhenAKeyGoesStaleAndClearedByItsNextValue()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"noData":{"key":"flow","minutes":5}}""");
        await SendAsync(device, "flow", 3.5);

        cluster.Clock.Advance(TimeSpan.FromMinutes(6));
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);
        AlertInfo details = await Alert(tenantId, raised.Id).GetAsync();
        await SendAsync(device, "flow", 3.6);
        AlertSummary cleared = await EventuallyAsync(tenantId, alert => alert.ClearedAt is not null);

        details.Raised.Details["flow"].Value.Should().Be(TelemetryValue.FromNumber(3.5), "the stale value is what the alert shows");
        cleared.Id.Should().Be(raised.Id);
    }

    [Fact]
    public async Task ConditionHeldForItsSecondsIsRaisedByTheClockWithoutAnotherMessage()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"key":"cpu","op":"gt","value":80}""", forSeconds: 60);
        await SendAsync(device, "cpu", 95);
        await Task.Delay(600);
        AlertPage early = await AlertsAsync(tenantId);

        cluster.Clock.Advance(TimeSpan.FromSeconds(61));
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);

        early.Total.Should().Be(0);
        raised.RuleName.Should().Be("rule");
    }

    [Fact]
    public async Task FailedUpdateRaisesAnOtaFailedAlertNamingTheAction()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"event":"otaFailed"}""");
        var updates = cluster.Grains.GetGrain<IUpdatableDeviceGrain>(device.GetPrimaryKeyString());
        Deployment deployment = new(1, "base-image", "2.0", [new DeploymentChunk(7, "os", "image", "2.0", [], [])], []);
        UpdateAction action = await updates.AssignAsync(new AssignmentRequest(deployment, ActionType.Forced));

        await updates.ReportFeedbackAsync(action.Id, new ActionFeedback(cluster.Clock.GetUtcNow(), FeedbackExecution.Closed, FeedbackResult.Failure, ["disk full"]));
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);
        AlertInfo alert = await Alert(tenantId, raised.Id).GetAsync();

        alert.Raised.Event.Should().Be("otaFailed");
        alert.Raised.Details["actionId"].Value.Should().Be(TelemetryValue.FromNumber(action.Id));
        alert.Raised.Details["distributionSet"].Value.Should().Be(TelemetryValue.FromText("base-image 2.0"));
    }

    [Fact]
    public async Task OperatorClearReachesTheDeviceSoItsRuleRaisesAgainOnlyAfterTheConditionFell()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"key":"cpu","op":"gt","value":80}""");
        await SendAsync(device, "cpu", 95);
        AlertSummary first = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);

        await Alert(tenantId, first.Id).ClearAsync("operator");
        await SendAsync(device, "cpu", 96);
        long afterClear = (await AlertsAsync(tenantId)).Total;
        await SendAsync(device, "cpu", 40);
        await SendAsync(device, "cpu", 97);
        AlertPage page = await AlertsAsync(tenantId);

        afterClear.Should().Be(1, "a clear is not undone by the next message");
        page.Items.Select(alert => alert.State).Should().Equal(AlertState.ActiveUnacknowledged, AlertState.ClearedUnacknowledged);
        page.Items[0].Id.Should().NotBe(first.Id, "a new occurrence is a new alert");
    }

    [Fact]
    public async Task DeletingTheTenantErasesItsAlerts()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"key":"cpu","op":"gt","value":80}""");
        await SendAsync(device, "cpu", 95);
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);

        await cluster.Grains.GetGrain<IDeviceGrain>(device.GetPrimaryKeyString()).DecommissionAsync();
        await cluster.Grains.GetGrain<ITenantGrain>(tenantId).DeleteAsync();
        Func<Task> read = () => Alert(tenantId, raised.Id).GetAsync();

        (await AlertsAsync(tenantId)).Total.Should().Be(0);
        (await read.Should().ThrowAsync<Interfaces.CarmenException>()).Which.Kind.Should().Be(Interfaces.ErrorKind.NotFound);
    }

    [Fact]
    public async Task AnOfflineDeviceWhoseGrainWasLostIsWokenByTheSweepToRaiseItsAlert()
    {
        (string tenantId, IConnectedDeviceGrain device) = await DeviceWithRuleAsync("""{"offline":{"minutes":5}}""");
        await device.DisconnectedAsync(DeviceConnection.Brokered);
        DeviceKey key = new(tenantId, "d1");
        IReadOnlyList<DeviceKey> recorded = await cluster.Index.ListAlertDueAsync(cluster.Clock.GetUtcNow().AddMinutes(6), 1000);

        // As when its silo is lost: every activation goes, the device's timer with it, and nothing calls the device.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.Grains.GetGrain<IAlertClockSweepGrain>(0).StartAsync(); // as its reminder would, within a minute
        cluster.Clock.Advance(TimeSpan.FromMinutes(6));
        AlertSummary raised = await EventuallyAsync(tenantId, alert => alert.State == AlertState.ActiveUnacknowledged);
        IReadOnlyList<DeviceKey> after = await EventuallyDueAsync(key, expected: false);

        recorded.Should().Contain(key, "an offline device records when its offline rule comes due");
        raised.DeviceId.Should().Be("d1");
        after.Should().NotContain(key, "once raised, nothing is due: the sweep wakes it no more");
    }

    private Task<IReadOnlyList<DeviceKey>> EventuallyDueAsync(DeviceKey key, bool expected) => Eventually.ReadAsync(
        () => cluster.Index.ListAlertDueAsync(cluster.Clock.GetUtcNow().AddHours(1), 1000),
        due => due.Contains(key) == expected);

    private async Task<(string TenantId, IConnectedDeviceGrain Device)> DeviceWithRuleAsync(string condition, int forSeconds = 0)
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        await cluster.Grains.GetGrain<IAlertRulesGrain>(tenantId).CreateAsync(
            new AlertRuleDraft("rule", AlertSeverity.Major, new AlertScope(AlertScopeKind.Tenant, null), condition, null, forSeconds, null, null, true));
        var key = new DeviceKey(tenantId, "d1");
        await cluster.Grains.GetGrain<IDeviceGrain>(key.ToString()).RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "request-1");
        var device = cluster.Grains.GetGrain<IConnectedDeviceGrain>(key.ToString());
        (await device.BrokeredOnlineAsync()).Should().BeTrue();
        return (tenantId, device);
    }

    private Task SendAsync(IConnectedDeviceGrain device, string key, double value) =>
        device.PublishTelemetryAsync(DeviceConnection.Brokered, [new TelemetryPoint(cluster.Clock.GetUtcNow().ToUnixTimeMilliseconds(), key, TelemetryValue.FromNumber(value))]);

    private Task<AlertPage> AlertsAsync(string tenantId) => cluster.Grains.GetGrain<ITenantAlertsGrain>(tenantId).SearchAsync(new AlertQuery());

    private IAlertGrain Alert(string tenantId, string alertId) => cluster.Grains.GetGrain<IAlertGrain>(new AlertKey(tenantId, alertId).ToString());

    /// <summary>The tenant's newest alert once it satisfies <paramref name="condition"/>; the device's timer runs on real time, so this waits for it.</summary>
    private async Task<AlertSummary> EventuallyAsync(string tenantId, Func<AlertSummary, bool> condition)
    {
        AlertPage page = await Eventually.ReadAsync(() => AlertsAsync(tenantId), page => page.Items.Count > 0 && condition(page.Items[0]));
        page.Items.Should().NotBeEmpty($"tenant {tenantId} has an alert within 10 s");
        condition(page.Items[0]).Should().BeTrue($"the alert comes to the state expected within 10 s: {page.Items[0]}");
        return page.Items[0];
    }
}
