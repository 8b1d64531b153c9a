using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Carmen.EdgeAgent.Certificates;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Tests.Infrastructure;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.EdgeAgent.Tests;

/// <summary>
/// The agent enrolls with a one-time token (its key made on the device, mode 0600, never sent), signs in to MQTT over
/// TLS with the certificate instead of its token, renews it over MQTT on that connection, and reconnects with the new one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentCertificateTests(CarmenOverTls carmen) : IClassFixture<CarmenOverTls>
{
    [Fact]
    public async Task TheAgentEnrollsSignsInWithItsCertificateRenewsItAndReconnectsWithTheNewOne()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(carmen.Factory);
        string tenant = await admin.CreateTenantAsync();
        string device = $"/api/v1/tenants/{tenant}/devices/edge-1";
        string token = (await admin.CreateDeviceAsync(tenant, "edge-1"))["accessToken"]!.GetValue<string>();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        string enrollmentToken = (await admin.SendOkAsync(HttpMethod.Post, $"{device}/enrollment-tokens"))["token"]!.GetValue<string>();

        await using RunningAgent agent = await RunningAgent.StartAsync(carmen.TlsPort, token, options =>
        {
            options.Server = new ServerOptions { Host = "127.0.0.1", Port = carmen.TlsPort, Tls = true, CaFile = carmen.ServerCertificatePem, HttpUrl = carmen.HttpUrl, ReconnectMaxDelaySeconds = 1 };
            options.Certificates = new CertificateOptions { EnrollmentToken = enrollmentToken, TenantId = tenant, DeviceId = "edge-1" };
        });
        var managed = new ManagedCertificate(agent.Options);

        JsonArray enrolled = (await admin.GetEventuallyAsync($"{device}/certificates", body => body["items"]!.AsArray().Count == 1))["items"]!.AsArray();
        string first = enrolled[0]!["serialNumber"]!.GetValue<string>();
        (await Eventually.HoldsAsync(() => managed.Read()?.SerialNumber == first)).Should().BeTrue("the agent keeps the certificate it enrolled for");
        File.GetUnixFileMode(managed.KeyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the private key is the owner's alone");
        using (X509Certificate2 pair = X509Certificate2.CreateFromPemFile(managed.CertificateFile, managed.KeyFile))
        {
            pair.HasPrivateKey.Should().BeTrue("the certificate Carmen issued is for the key made on the device");
        }

        // Rotating the token closes the connection; the agent comes back signed in with its certificate alone.
        await admin.SendOkAsync(HttpMethod.Post, $"{device}/credentials/rotate");
        await admin.GetEventuallyAsync($"{device}/attributes", body => body["client"]?["agentVersion"] is not null);
        await admin.GetEventuallyAsync($"{device}/diagnostics", body => body["connected"]!.GetValue<bool>());

        JsonObject renewed = await CallAsync(admin, device, new { method = "renewCertificate" });
        string second = renewed["serialNumber"]!.GetValue<string>();
        second.Should().NotBe(first);
        (await admin.GetAsync($"{device}/certificates"))["items"]!.AsArray().Should().HaveCount(2);
        managed.Read()!.Value.SerialNumber.Should().Be(second);

        // Revoking the first certificate leaves the agent's connection alone once it has reconnected with the second;
        // revoking the second closes it, and no token is left to come back with.
        await Task.Delay(TimeSpan.FromSeconds(2)); // the agent reconnects a second after answering
        await admin.GetEventuallyAsync($"{device}/diagnostics", body => body["connected"]!.GetValue<bool>());
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/certificates/{first}/revoke", new { reason = "superseded" });
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await admin.GetAsync($"{device}/diagnostics"))["connected"]!.GetValue<bool>().Should().BeTrue("the agent signs in with the renewed certificate");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/certificates/{second}/revoke", new { reason = "keyCompromise" });
        await admin.GetEventuallyAsync($"{device}/diagnostics", body => !body["connected"]!.GetValue<bool>());
    }

    [Fact]
    public void RenewalIsDueWhenTheConfiguredShareOfTheLifetimeIsLeft()
    {
        DateTimeOffset start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        ManagedCertificate.RenewalDue(start, start.AddDays(30), 33).Should().Be(start.AddDays(30 - 9.9));
        ManagedCertificate.RenewalDue(start, start.AddDays(1), 50).Should().Be(start.AddHours(12));
        AgentOptionsValidator.Validate(new AgentOptions { Certificates = new CertificateOptions { EnrollmentToken = "t" } })
            .Should().Contain(problem => problem.StartsWith("certificates.tenantId", StringComparison.Ordinal))
            .And.Contain(problem => problem.StartsWith("server.tls", StringComparison.Ordinal));
    }

    /// <summary>A two-way call, sent again while the agent is between connections or not yet subscribed (409).</summary>
    private static async Task<JsonObject> CallAsync(CarmenClient admin, string device, object call)
    {
        (bool ok, string text) = await Eventually.ReadAsync(async () =>
        {
            HttpResponseMessage answer = await admin.SendAsync(HttpMethod.Post, $"{device}/rpc", call);
            return (answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }, result => result.Item1);
        ok.Should().BeTrue(text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
