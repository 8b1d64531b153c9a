using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Carmen.Testing;
using Microsoft.Playwright;

namespace Carmen.Silo.Tests;

/// <summary>
/// The invitation page in a real browser (Debian's chromium through Playwright) against a Carmen process: the link from
/// the mail opens a form, accepting it creates the account that then signs in, and a used, revoked or unknown link shows
/// a clear page.
/// </summary>
public sealed partial class InvitationPageBrowserTests : IAsyncLifetime
{
    private const string AdminPassword = "invite-admin-1";
    private const string Password = "browser-pass-1";
    private readonly TempDirectory _data = new();
    private readonly SmtpReceiver _smtp = new();
    private CarmenProcess? _carmen;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    [Fact]
    public async Task InviteeAcceptsInTheBrowserAndUsedRevokedAndUnknownLinksShowClearPages()
    {
        HttpClient http = _carmen!.Http;
        string admin = await http.SignInAsync("admin", AdminPassword);
        await http.CreateTenantWithClusterAsync(admin, "acme");
        await http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/acme/settings/smtp", new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        await http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/invitations", new { email = "rosa@example.com", role = "operator", scope = new { type = "cluster", id = "c1" } });
        string link = await NextLinkAsync();
        IPage page = await _browser!.NewPageAsync();

        IResponse? shown = await page.GotoAsync(link);
        string invitation = await page.InnerTextAsync("body");
        await page.FillAsync("#username", "rosa");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", "a-different-one");
        await page.ClickAsync("button[type=submit]");
        string mismatch = await page.InnerTextAsync(".error");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        string welcome = await page.InnerTextAsync("h1");
        string rosa = await http.SignInAsync("rosa", Password, "acme");
        IResponse? reopened = await page.GotoAsync(link);
        string used = await page.InnerTextAsync("body");

        shown!.Status.Should().Be(200);
        invitation.Should().Contain("Operator", "the page names the role").And.Contain("cluster 'c1'").And.Contain("rosa@example.com");
        mismatch.Should().Be("The two passwords differ.");
        welcome.Should().Be("Welcome");
        (await http.GetJsonAsync(rosa, "/api/v1/tenants/acme/devices"))["total"]!.GetValue<long>().Should().Be(0);
        reopened!.Status.Should().Be(410);
        used.Should().Contain("already accepted");
        JsonNode accepted = (await http.GetJsonAsync(admin, "/api/v1/tenants/acme/audit?action=POST%20/invitations/accept"))["records"]![0]!;
        (accepted["actor"]!["name"]!.GetValue<string>(), accepted["address"]!.GetValue<string>()).Should().Be(("rosa", "127.0.0.1"), "accepting on the page is in the tenant's audit trail");

        await http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/invitations", new { email = "sam@example.com", role = "viewer", scope = new { type = "tenant" } });
        string revokedLink = await NextLinkAsync();
        string id = (await http.GetJsonAsync(admin, "/api/v1/tenants/acme/invitations?status=pending"))[0]!["id"]!.GetValue<string>();
        await http.SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/tenants/acme/invitations/{id}/revoke");
        IResponse? revoked = await page.GotoAsync(revokedLink);
        string withdrawn = await page.InnerTextAsync("body");
        IResponse? unknown = await page.GotoAsync(link[..^5] + "AAAAA");
        string invalid = await page.InnerTextAsync("h1");

        revoked!.Status.Should().Be(410);
        withdrawn.Should().Contain("withdrawn");
        unknown!.Status.Should().Be(404);
        invalid.Should().Be("This invitation link is not valid");
        (await page.ContentAsync()).Should().NotContainAny("Exception", "   at ");
    }

    public async Task InitializeAsync()
    {
        SystemChromium.IsInstalled.Should().BeTrue("Debian's chromium is installed (apt-get install chromium)");
        _carmen = await CarmenProcess.StartAsync(_data.Path, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = AdminPassword,
            ["Carmen__Notifications__AllowedNetworks__0"] = "127.0.0.1/32",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemChromium.Path,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where chromium's sandbox cannot start
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_carmen is not null)
        {
            await _carmen.DisposeAsync();
        }

        await _smtp.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The link of the next invitation mail; mails about access changes in between are passed over.</summary>
    private async Task<string> NextLinkAsync()
    {
        string link = LinkIn(await _smtp.NextAsync());
        return link.Length > 0 ? link : await NextLinkAsync();
    }

    private static string LinkIn(ReceivedMail mail) => LinkPattern().Match(mail.Data.Replace("=\r\n", "", StringComparison.Ordinal)).Value;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/invitations/[a-z0-9-]+\.[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
