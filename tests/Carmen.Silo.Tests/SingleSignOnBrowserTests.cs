using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace Carmen.Silo.Tests;

/// <summary>
/// Single sign-on against a real OpenID provider (npm's oidc-provider, OpenID Certified) started on 127.0.0.1, signed
/// in through in Debian's chromium: home-realm discovery, the code flow with PKCE, claim-to-role mapping and a user
/// made on first sign-in; a forged state, a replayed code, a provider claiming another issuer and an unmapped user are
/// refused; "SSO required" refuses passwords except to break-glass accounts.
/// </summary>
public sealed class SingleSignOnBrowserTests : IAsyncLifetime
{
    private const string AdminPassword = "sso-admin-pass-1";
    private const string ClientSecret = "carmen-client-secret-1";
    private readonly TempDirectory _data = new();
    private readonly SmtpReceiver _smtp = new();
    private readonly int _providerPort = FreePorts.Next();
    private CarmenProcess? _carmen;
    private NodeScript? _provider;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private string Issuer => $"http://127.0.0.1:{_providerPort}";

    [Fact]
    public async Task OperatorSignsInThroughTheProviderAndForgedReplayedForeignAndUnmappedSignInsAreRefused()
    {
        HttpClient http = _carmen!.Http;
        string admin = await http.SignInAsync("admin", AdminPassword);
        await http.CreateTenantWithClusterAsync(admin, "acme");
        await http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/users", new { username = "acme-lead", password = "lead-password-1", role = "tenantAdmin" });
        await http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/users", new { username = "acme-local", password = "local-password-1", role = "viewer" });
        await http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/acme/identity-providers/corp", new
        {
            type = "oidc",
            issuer = Issuer,
            clientId = "carmen",
            clientSecret = ClientSecret,
            scopes = new[] { "openid", "email", "profile", "groups" },
            emailDomains = new[] { "berlin.example" },
            roleMappings = new[] { new { claim = "groups", value = "plant-berlin-ops", role = "operator", scope = new { type = "cluster", id = "c1" } } },
            required = true,
            breakGlass = new[] { "acme-lead" },
        });

        JsonNode discovered = await http.GetJsonAsync(admin, "/api/v1/auth/sso/discover?email=ana@berlin.example");
        (string callback, JsonObject signedIn) = await SignInThroughBrowserAsync(discovered["loginUrl"]!.GetValue<string>(), "ana");
        string ana = signedIn["accessToken"]!.GetValue<string>();

        discovered["tenantId"]!.GetValue<string>().Should().Be("acme");
        (await http.GetJsonAsync(ana, "/api/v1/tenants/acme/devices"))["total"]!.GetValue<long>().Should().Be(0);
        JsonNode assignments = await http.GetJsonAsync(admin, "/api/v1/tenants/acme/role-assignments?userId=ana");
        (assignments[0]!["role"]!.GetValue<string>(), assignments[0]!["scope"]!["id"]!.GetValue<string>(), assignments[0]!["grantedBy"]!.GetValue<string>())
            .Should().Be(("operator", "c1", "sso:corp"));

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress };
        (await noRedirects.GetAsync(callback)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the same state twice is a replay");
        (await noRedirects.GetAsync("/api/v1/auth/sso/callback?code=forged&state=forged")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        HttpResponseMessage again = await noRedirects.GetAsync("/api/v1/auth/sso/acme/corp/login");
        string freshState = QueryHelpers.ParseQuery(again.Headers.Location!.Query)["state"].ToString();
        string usedCode = QueryHelpers.ParseQuery(new Uri(callback).Query)["code"].ToString();
        HttpResponseMessage replayed = await noRedirects.GetAsync($"/api/v1/auth/sso/callback?code={Uri.EscapeDataString(usedCode)}&state={Uri.EscapeDataString(freshState)}");
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the provider refuses a code used before: " + await replayed.Content.ReadAsStringAsync());

        (_, JsonObject unmapped) = await SignInThroughBrowserAsync(discovered["loginUrl"]!.GetValue<string>(), "mallory");
        unmapped["status"]!.GetValue<int>().Should().Be(403);
        (await http.GetJsonAsync(admin, "/api/v1/tenants/acme/users")).AsArray().Select(user => user!["username"]!.GetValue<string>())
            .Should().NotContain("mallory");

        await http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/acme/identity-providers/foreign", new
        {
            issuer = $"http://localhost:{_providerPort}", // the provider names itself http://127.0.0.1:...: another issuer
            clientId = "carmen",
            clientSecret = ClientSecret,
        });
        HttpResponseMessage foreign = await noRedirects.GetAsync("/api/v1/auth/sso/acme/foreign/login");
        foreign.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await foreign.Content.ReadAsStringAsync()).Should().Contain("another issuer");

        (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "acme-local", password = "local-password-1", tenant = "acme" })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "the tenant requires single sign-on");
        await http.SignInAsync("acme-lead", "lead-password-1", "acme"); // a break-glass account still signs in with its password

        // An invitation accepted through single sign-on: bo's groups map to nothing, yet the invitation gives the role.
        await http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/acme/settings/smtp", new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        await http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/invitations", new { email = "bo@berlin.example", role = "viewer", scope = new { type = "tenant" } });
        string link = Regex.Match((await _smtp.NextAsync()).Data.Replace("=\r\n", "", StringComparison.Ordinal), @"http://\S+/invitations/\S+").Value;
        JsonObject bo = await AcceptThroughProviderAsync(link, "bo");
        (await http.GetJsonAsync(bo["accessToken"]!.GetValue<string>(), "/api/v1/tenants/acme/devices"))["total"]!.GetValue<long>().Should().Be(0);
        JsonNode invitation = (await http.GetJsonAsync(admin, "/api/v1/tenants/acme/invitations"))[0]!;
        (invitation["status"]!.GetValue<string>(), invitation["acceptedBy"]!.GetValue<string>()).Should().Be(("accepted", "bo"));
    }

    /// <summary>Opens an invitation's page, continues with single sign-on and signs in at the provider; Carmen's answer.</summary>
    private async Task<JsonObject> AcceptThroughProviderAsync(string invitationLink, string account)
    {
        await using IBrowserContext context = await _browser!.NewContextAsync();
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(invitationLink);
        await page.ClickAsync("a.sso");
        await page.FillAsync("input[name=login]", account);
        await page.FillAsync("input[name=password]", "any");
        await SubmitLoginAndConsentAsync(page);
        return JsonNode.Parse(await page.InnerTextAsync("body"))!.AsObject();
    }

    /// <summary>Signs in at the provider's own pages in a fresh browser context; the callback's address and Carmen's answer.</summary>
    private async Task<(string Callback, JsonObject Answer)> SignInThroughBrowserAsync(string loginUrl, string account)
    {
        await using IBrowserContext context = await _browser!.NewContextAsync();
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(loginUrl);
        await page.FillAsync("input[name=login]", account);
        await page.FillAsync("input[name=password]", "any");
        await SubmitLoginAndConsentAsync(page);
        return (page.Url, JsonNode.Parse(await page.InnerTextAsync("body"))!.AsObject());
    }

    /// <summary>
    /// Submits the provider's login form, then its consent prompt, and waits for Carmen's callback. The login form is
    /// waited out first: on a busy machine the second click otherwise lands on the login page's own button again
    /// before the consent page has replaced it, and the flow stops at the prompt.
    /// </summary>
    private static async Task SubmitLoginAndConsentAsync(IPage page)
    {
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("input[name=login]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("button[type=submit]"); // the consent prompt
        await page.WaitForURLAsync("**/api/v1/auth/sso/callback**");
    }

    public async Task InitializeAsync()
    {
        NodeScript.Installed.Should().BeTrue(NodeScript.NotInstalledMessage);
        SystemChromium.IsInstalled.Should().BeTrue("Debian's chromium is installed (apt-get install chromium)");
        _carmen = await CarmenProcess.StartAsync(_data.Path, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = AdminPassword,
            ["Carmen__Sso__AllowLocalIssuers"] = "true",
            ["Carmen__Notifications__AllowedNetworks__0"] = "127.0.0.1/32",
        });
        _provider = NodeScript.Start("oidc-provider.mjs", _providerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Issuer, "carmen", ClientSecret,
            $"http://127.0.0.1:{_carmen.HttpPort}/api/v1/auth/sso/callback");
        await _provider.NextAsync(line => line.ContainsKey("listening"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = SystemChromium.Path, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (_carmen is not null)
        {
            await _carmen.DisposeAsync();
        }

        await _smtp.DisposeAsync();
        _data.Dispose();
    }
}
