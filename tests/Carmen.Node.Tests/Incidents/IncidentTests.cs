using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Incidents;

/// <summary>
/// One incident call over the devices a filter finds: certificates revoked (and on the CRL, as openssl reads it),
/// tokens rotated, enrollment blocked, connections closed, every step in the audit trail with the incident's id, an
/// exportable record, and a release that lifts the block while revoked credentials stay revoked.
/// </summary>
public sealed class IncidentTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>, IDisposable
{
    private readonly OpenSsl _openssl = new();

    [Fact]
    public async Task AnIncidentOverALabelRevokesRotatesBlocksAndDisconnectsEachDeviceAndRecordsEveryStep()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca", new { mode = "managed" });
        string tokenA1 = (await admin.CreateDeviceAsync(tenant, "a1", extra: new { labels = new[] { "lot-7" } }))["accessToken"]!.GetValue<string>();
        string tokenA2 = (await admin.CreateDeviceAsync(tenant, "a2", extra: new { labels = new[] { "lot-7" } }))["accessToken"]!.GetValue<string>();
        await admin.CreateDeviceAsync(tenant, "b1");
        string serial = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/a1/certificates", new { csr = await _openssl.NewCsrAsync("a1") }))["serialNumber"]!.GetValue<string>();
        string earlierToken = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/a2/enrollment-tokens"))["token"]!.GetValue<string>();
        await using DeviceMqttClient a1 = await DeviceMqttClient.ConnectAsync(factory.MqttPort, tokenA1);
        await using DeviceMqttClient a2 = await DeviceMqttClient.ConnectAsync(factory.MqttPort, tokenA2);

        JsonObject opened = await admin.SendOkAsync(HttpMethod.Post, $"{api}/incidents", new
        {
            title = "Lot 7 keys leaked",
            filter = new { labels = new[] { "lot-7" } },
            actions = new[] { "revokeCertificates", "rotateTokens", "blockEnrollment", "disconnect" },
        });
        long id = opened["id"]!.GetValue<long>();
        opened["progress"]!["total"]!.GetValue<int>().Should().Be(2, "the filter finds a1 and a2, not b1");
        JsonObject contained = await admin.GetEventuallyAsync($"{api}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "contained");

        contained["progress"]!["contained"]!.GetValue<int>().Should().Be(2);
        contained["clusterIds"]!.AsArray().Select(node => node!.GetValue<string>()).Should().Equal("c1");
        await Task.WhenAll(a1.Disconnected, a2.Disconnected).WaitAsync(TimeSpan.FromSeconds(10)); // the incident closed both connections
        await FluentActions.Awaiting(() => DeviceMqttClient.ConnectAsync(factory.MqttPort, tokenA1)).Should().ThrowAsync<DeviceConnectRefusedException>("its token was rotated");

        JsonObject certificate = (await admin.GetAsync($"{api}/devices/a1/certificates"))["items"]!.AsArray()[0]!.AsObject();
        certificate["status"]!.GetValue<string>().Should().Be("revoked");
        certificate["revocationReason"]!.GetValue<string>().Should().Be("keyCompromise");
        certificate["revokedBy"]!.GetValue<string>().Should().Contain($"incident {id}");
        await _openssl.WriteAsync("tenant.crl", await (await admin.SendAsync(HttpMethod.Get, $"/pki/{tenant}/crl")).Content.ReadAsByteArrayAsync());
        (await _openssl.RunAsync("crl", "-inform", "DER", "-in", _openssl.PathOf("tenant.crl"), "-noout", "-text")).Should().Contain(serial).And.Contain("Key Compromise");

        await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices/a2/enrollment-tokens")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await admin.SendAsync(HttpMethod.Post, $"{api}/devices/a2/certificates", new { csr = await _openssl.NewCsrAsync("a2"), enrollmentToken = earlierToken }))
            .IsSuccessStatusCode.Should().BeFalse("a token handed out before the incident is void");

        JsonArray devices = (await admin.GetAsync($"{api}/incidents/{id}/devices"))["items"]!.AsArray();
        devices.Select(device => device!["deviceId"]!.GetValue<string>()).Should().Equal("a1", "a2");
        JsonObject a2Outcome = devices[1]!.AsObject();
        a2Outcome["steps"]!.AsArray().Single(step => step!["action"]!.GetValue<string>() == "revokeCertificates")!["outcome"]!.GetValue<string>()
            .Should().Be("skipped", "a2 had no certificate");

        JsonArray records = (await admin.GetAsync($"{api}/audit?action=incident.revokeCertificates"))["records"]!.AsArray();
        records.Select(record => record!["targetId"]!.GetValue<string>()).Should().BeEquivalentTo("a1", "a2");
        records.Should().OnlyContain(record => record!.ToJsonString().Contains($"\"incidentId\"", StringComparison.Ordinal));
        (await admin.GetAsync($"{api}/audit?action=incident.disconnect"))["records"]!.AsArray().Should().HaveCount(2);

        HttpResponseMessage export = await admin.SendAsync(HttpMethod.Get, $"{api}/incidents/{id}/export");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentDisposition!.FileName.Should().Contain($"incident-{tenant}-{id}");
        JsonObject record = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        record["incident"]!["timeline"]!.AsArray().Select(entry => entry!["event"]!.GetValue<string>()).Should().Equal("opened", "contained");
        record["devices"]!.AsArray().Should().HaveCount(2);

        await admin.SendOkAsync(HttpMethod.Post, $"{api}/incidents/{id}/release");
        await admin.GetEventuallyAsync($"{api}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "released");
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/a2/enrollment-tokens");
        await FluentActions.Awaiting(() => DeviceMqttClient.ConnectAsync(factory.MqttPort, tokenA2)).Should().ThrowAsync<DeviceConnectRefusedException>("a release does not bring a rotated token back");
        string reissued = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/a2/credentials/rotate"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient reprovisioned = await DeviceMqttClient.ConnectAsync(factory.MqttPort, reissued);
    }

    [Fact]
    public async Task AnIncidentIsRefusedWithTheFieldAtFault()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        string incidents = $"/api/v1/tenants/{tenant}/incidents";
        await (await admin.SendAsync(HttpMethod.Post, incidents, new { title = "x", devices = new[] { "d1" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "actions");
        await (await admin.SendAsync(HttpMethod.Post, incidents, new { title = " ", devices = new[] { "d1" }, actions = new[] { "quarantine" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "title");
        await (await admin.SendAsync(HttpMethod.Post, incidents, new { title = "x", devices = new[] { "d1" }, filter = new { }, actions = new[] { "quarantine" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "devices");
        await (await admin.SendAsync(HttpMethod.Post, incidents, new { title = "x", filter = new { labels = new[] { "none" } }, actions = new[] { "quarantine" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "filter");
        (await admin.SendAsync(HttpMethod.Post, incidents, new { title = "x", devices = new[] { "d1" }, actions = new[] { "wipe" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await (await admin.SendAsync(HttpMethod.Get, $"{incidents}/999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => _openssl.Dispose();
}
