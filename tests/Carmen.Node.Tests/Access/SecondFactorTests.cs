using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using OtpNet;

namespace Carmen.Node.Tests.Access;

/// <summary>
/// TOTP two-factor sign-in (RFC 6238) with a clock the test controls, codes computed as an authenticator app does:
/// enrolment, codes used once, recovery codes, the tenant's policy, a pause after wrong codes, an administrator's reset.
/// </summary>
public sealed class SecondFactorTests(SecondFactorHost host) : IClassFixture<SecondFactorHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task EnrolledUserSignsInWithEachCodeOnceAndWithARecoveryCodeOnce()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-tess", "operator");
        using CarmenClient tess = await CarmenClient.SignInAsync(Factory, tenant, $"{tenant}-tess", CarmenClient.UserPassword);

        JsonObject offered = await tess.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/enroll");
        byte[] secret = Base32Encoding.ToBytes(offered["secret"]!.GetValue<string>());
        await (await tess.SendAsync(HttpMethod.Post, "/api/v1/auth/totp/confirm", new { code = "000000" == Code(secret) ? "111111" : "000000" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "code");
        JsonObject confirmed = await tess.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/confirm", new { code = Code(secret) });
        string[] recovery = [.. confirmed["recoveryCodes"]!.AsArray().Select(code => code!.GetValue<string>())];

        offered["otpAuthUri"]!.GetValue<string>().Should().StartWith("otpauth://totp/Carmen%3A").And.Contain("&issuer=Carmen&algorithm=SHA1&digits=6&period=30");
        recovery.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        await (await SignInAsync(tenant, "tess")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "totp");
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        string now = Code(secret);
        (await SignInAsync(tenant, "tess", totp: now)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await SignInAsync(tenant, "tess", totp: now)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "totp"); // replayed
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        (await SignInAsync(tenant, "tess", totp: Code(secret))).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await SignInAsync(tenant, "tess", totp: Code(secret, host.Clock.GetUtcNow().AddMinutes(-2)))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "totp");
        (await SignInAsync(tenant, "tess", recoveryCode: recovery[3])).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await SignInAsync(tenant, "tess", recoveryCode: recovery[3])).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "totp");
        (await SignedInWith(await TokenAsync(await SignInAsync(tenant, "tess", recoveryCode: recovery[4].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal))))
            .GetAsync("/api/v1/auth/totp"))["recoveryCodesLeft"]!.GetValue<int>().Should().Be(8);
    }

    [Fact]
    public async Task TenantPolicyHoldsAdministratorsToEnrolBeforeAnythingElse()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { settings = new Dictionary<string, string> { ["security.twoFactor"] = "administrators" } });
        await admin.CreateUserAsync(tenant, $"{tenant}-vic", "viewer");

        JsonObject limited = await (await SignInAsync(tenant, "admin")).Content.ReadFromJsonAsync<JsonObject>() ?? [];
        using CarmenClient lead = SignedInWith(limited["accessToken"]!.GetValue<string>());
        HttpResponseMessage refused = await lead.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices");
        byte[] secret = Base32Encoding.ToBytes((await lead.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/enroll"))["secret"]!.GetValue<string>());
        JsonObject confirmed = await lead.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/confirm", new { code = Code(secret) });
        using CarmenClient full = SignedInWith(confirmed["accessToken"]!.GetValue<string>());
        JsonObject viewer = await (await SignInAsync(tenant, "vic")).Content.ReadFromJsonAsync<JsonObject>() ?? [];

        limited["secondFactorEnrollmentRequired"]!.GetValue<bool>().Should().BeTrue();
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await full.GetAsync($"/api/v1/tenants/{tenant}/devices"))["total"]!.GetValue<long>().Should().Be(0);
        viewer.ContainsKey("secondFactorEnrollmentRequired").Should().BeFalse("the policy holds administrators only");
    }

    [Fact]
    public async Task WrongCodesPauseTheFactorAndAnAdministratorResetsALostOne()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-lou", "operator");
        using CarmenClient lou = await CarmenClient.SignInAsync(Factory, tenant, $"{tenant}-lou", CarmenClient.UserPassword);
        byte[] secret = Base32Encoding.ToBytes((await lou.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/enroll"))["secret"]!.GetValue<string>());
        await lou.SendOkAsync(HttpMethod.Post, "/api/v1/auth/totp/confirm", new { code = Code(secret) });
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        string wrong = Code(secret) == "123456" ? "654321" : "123456";

        for (int i = 0; i < 5; i++)
        {
            await (await SignInAsync(tenant, "lou", totp: wrong)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "totp");
        }

        HttpResponseMessage paused = await SignInAsync(tenant, "lou", totp: Code(secret));
        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/users/{tenant}-lou/second-factor");
        HttpResponseMessage afterReset = await SignInAsync(tenant, "lou");

        paused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        afterReset.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<(CarmenClient Admin, string Tenant)> TenantAsync()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        return (admin, await admin.CreateTenantAsync());
    }

    private Task<HttpResponseMessage> SignInAsync(string tenant, string who, string? totp = null, string? recoveryCode = null) =>
        Factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { username = $"{tenant}-{who}", password = CarmenClient.UserPassword, tenant, totp, recoveryCode });

    private CarmenClient SignedInWith(string token)
    {
        HttpClient http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new CarmenClient(http);
    }

    private static async Task<string> TokenAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();

    private string Code(byte[] secret) => Code(secret, host.Clock.GetUtcNow());

    private static string Code(byte[] secret, DateTimeOffset at) => new Totp(secret).ComputeTotp(at.UtcDateTime);
}
