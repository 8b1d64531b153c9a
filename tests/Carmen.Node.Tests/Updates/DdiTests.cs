// DDI publishes SHA-1 and MD5 next to SHA-256 because update clients check them; the test recomputes all three.
#pragma warning disable CA5350, CA5351

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Updates;

/// <summary>The hawkBit DDI flow as an update client walks it: poll, deployment, download (with Range), feedback.</summary>
public sealed class DdiTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ControllerPollsDownloadsWithRangeAndReportsItsWayToFinished()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        JsonObject root = await GetJsonAsync(device, setup.Controller());
        root["config"]!["polling"]!["sleep"]!.GetValue<string>().Should().Be("00:05:00");
        string deploymentHref = root["_links"]!["deploymentBase"]!["href"]!.GetValue<string>();
        deploymentHref.Should().Contain($"/deploymentBase/{actionId}?c=");
        root["_links"]!["configData"].Should().NotBeNull();

        JsonObject deployment = await GetJsonAsync(device, deploymentHref);
        deployment["id"]!.GetValue<string>().Should().Be(actionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        deployment["deployment"]!["download"]!.GetValue<string>().Should().Be("forced");
        deployment["deployment"]!["update"]!.GetValue<string>().Should().Be("forced");
        deployment["deployment"]!["maintenanceWindow"].Should().BeNull();
        JsonNode chunk = deployment["deployment"]!["chunks"]![0]!;
        (chunk["part"]!.GetValue<string>(), chunk["name"]!.GetValue<string>(), chunk["version"]!.GetValue<string>()).Should().Be(("os", "gateway-os", "2.0.0"));
        chunk["metadata"]![0]!["key"]!.GetValue<string>().Should().Be("slot");
        JsonNode artifact = chunk["artifacts"]![0]!;
        artifact["filename"]!.GetValue<string>().Should().Be(UpdateSetup.FileName);
        artifact["size"]!.GetValue<long>().Should().Be(setup.Firmware.Length);
        artifact["hashes"]!["sha256"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(setup.Firmware)));
        artifact["hashes"]!["sha1"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA1.HashData(setup.Firmware)));
        artifact["hashes"]!["md5"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(MD5.HashData(setup.Firmware)));
        artifact["_links"]!["download"].Should().BeNull("the test server speaks plain HTTP, where hawkBit offers only the -http links");
        string download = artifact["_links"]!["download-http"]!["href"]!.GetValue<string>();

        using var range = new HttpRequestMessage(HttpMethod.Get, download);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1000, 1999);
        HttpResponseMessage partial = await device.SendAsync(range);
        partial.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).Should().Equal(setup.Firmware[1000..2000]);
        (await device.GetByteArrayAsync(download)).Should().Equal(setup.Firmware);
        HttpResponseMessage head = await device.SendAsync(new HttpRequestMessage(HttpMethod.Head, download));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(setup.Firmware.Length);
        (await device.GetStringAsync(artifact["_links"]!["md5sum-http"]!["href"]!.GetValue<string>()))
            .Should().Be($"{Convert.ToHexStringLower(MD5.HashData(setup.Firmware))}  {UpdateSetup.FileName}\n");

        string feedback = $"{setup.Controller()}/deploymentBase/{actionId}/feedback";
        (await device.PostAsJsonAsync(feedback, Status("download"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("downloading");
        (await device.PostAsJsonAsync(feedback, Status("closed", "success", "installed in slot B"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await device.PostAsJsonAsync(feedback, Status("closed", "success", "installed in slot B"))).StatusCode.Should().Be(HttpStatusCode.OK, "a retried final report is tolerated");
        (await device.PostAsJsonAsync(feedback, Status("proceeding"))).StatusCode.Should().Be(HttpStatusCode.Gone);

        JsonObject actions = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions");
        JsonNode done = actions["items"]![0]!;
        done["status"]!.GetValue<string>().Should().Be("finished");
        done["feedback"]!.AsArray().Select(entry => entry!["execution"]!.GetValue<string>()).Should().Equal("download", "closed");
        JsonObject after = await GetJsonAsync(device, setup.Controller());
        after["_links"]!["deploymentBase"].Should().BeNull();
        string installed = after["_links"]!["installedBase"]!["href"]!.GetValue<string>();
        (await GetJsonAsync(device, installed))["deployment"]!["chunks"]![0]!["name"]!.GetValue<string>().Should().Be("gateway-os");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1"))["firmwareVersion"]!.GetValue<string>().Should().Be("gateway 2.0.0");
    }

    [Fact]
    public async Task ConfigDataIsStoredAsClientAttributesAndStopsBeingAskedFor()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage put = await device.PutAsJsonAsync($"{setup.Controller()}/configData", new { mode = "merge", data = new { hwRevision = "2", vin = "WX-1" } });
        (await device.PutAsJsonAsync($"{setup.Controller()}/configData", new { mode = "remove", data = new { vin = "" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetJsonAsync(device, setup.Controller()))["_links"]?["configData"].Should().BeNull();
        JsonObject attributes = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/attributes");
        attributes["client"]!["hwRevision"]!.GetValue<string>().Should().Be("2");
        attributes["client"]!["vin"].Should().BeNull();
        await (await device.PutAsJsonAsync($"{setup.Controller()}/configData", new { mode = "upsert", data = new { a = "b" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "mode");
    }

    [Fact]
    public async Task CancellationIsOfferedAndConfirmedByTheController()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}/cancel");
        JsonObject root = await GetJsonAsync(device, setup.Controller());
        JsonObject cancel = await GetJsonAsync(device, root["_links"]!["cancelAction"]!["href"]!.GetValue<string>());
        HttpResponseMessage confirmed = await device.PostAsJsonAsync($"{setup.Controller()}/cancelAction/{actionId}/feedback", Status("closed", "success"));

        root["_links"]!["deploymentBase"].Should().BeNull();
        cancel["cancelAction"]!["stopId"]!.GetValue<string>().Should().Be(actionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("canceled");
        (await GetJsonAsync(device, setup.Controller()))["_links"]?["cancelAction"].Should().BeNull();
    }

    [Fact]
    public async Task AnActionWaitsForTheControllersConfirmationUnlessItAutoConfirms()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, confirmationRequired = true });
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        string confirmation = $"{setup.Controller()}/confirmationBase/{actionId}";

        JsonObject waiting = await GetJsonAsync(device, setup.Controller());
        JsonObject offer = await GetJsonAsync(device, waiting["_links"]!["confirmationBase"]!["href"]!.GetValue<string>());
        HttpResponseMessage denied = await device.PostAsJsonAsync($"{confirmation}/feedback", new { confirmation = "denied", code = 20, details = new[] { "user said later" } });
        JsonObject stillWaiting = await GetJsonAsync(device, setup.Controller());
        await (await device.PostAsJsonAsync($"{confirmation}/feedback", new { confirmation = "maybe" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "confirmation");
        HttpResponseMessage confirmed = await device.PostAsJsonAsync($"{confirmation}/feedback", new { confirmation = "confirmed" });
        HttpResponseMessage again = await device.PostAsJsonAsync($"{confirmation}/feedback", new { confirmation = "confirmed" });
        JsonObject running = await GetJsonAsync(device, setup.Controller());
        JsonObject history = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}");

        waiting["_links"]!["deploymentBase"].Should().BeNull("nothing is deployed before the controller confirms");
        offer["confirmation"]!["chunks"]![0]!["artifacts"]![0]!["filename"]!.GetValue<string>().Should().Be(UpdateSetup.FileName);
        (denied.StatusCode, stillWaiting["_links"]!["confirmationBase"] is not null).Should().Be((HttpStatusCode.OK, true), "a denied action keeps waiting, as in hawkBit");
        (confirmed.StatusCode, again.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK), "a retried confirmation is answered as the first");
        running["_links"]!["deploymentBase"]!["href"]!.GetValue<string>().Should().Contain($"/deploymentBase/{actionId}?c=");
        history["status"]!.GetValue<string>().Should().Be("running");
        history.ToJsonString().Should().Contain("user said later").And.Contain("Code 20.");

        HttpResponseMessage activated = await device.PostAsJsonAsync($"{setup.Controller()}/confirmationBase/activateAutoConfirm", new { initiator = "kiosk", remark = "unattended site" });
        JsonObject state = await GetJsonAsync(device, $"{setup.Controller()}/confirmationBase");
        await device.PostAsJsonAsync($"{setup.Controller()}/deploymentBase/{actionId}/feedback", Status("closed", "success"));
        long newerSet = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/distribution-sets",
            new { name = "gateway", version = "2.0.2", modules = new[] { setup.ModuleId } }))["id"]!.GetValue<long>();
        JsonObject autoConfirmed = await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/assignments",
            new { distributionSetId = newerSet, confirmationRequired = true });
        HttpResponseMessage deactivated = await device.PostAsync($"{setup.Controller()}/confirmationBase/deactivateAutoConfirm", null);

        (activated.StatusCode, deactivated.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        (state["autoConfirm"]!["active"]!.GetValue<bool>(), state["autoConfirm"]!["initiator"]!.GetValue<string>()).Should().Be((true, "kiosk"));
        state["_links"]!["deactivateAutoConfirm"].Should().NotBeNull();
        autoConfirmed["status"]!.GetValue<string>().Should().Be("running", "an auto-confirming controller confirms in advance");
        (await GetJsonAsync(device, $"{setup.Controller()}/confirmationBase"))["_links"]!["activateAutoConfirm"].Should().NotBeNull();
    }

    [Fact]
    public async Task ANewAssignmentSupersedesTheRunningOneAfterTheControllerCancelsIt()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long first = await setup.AssignAsync();
        long newerSet = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/distribution-sets",
            new { name = "gateway", version = "2.0.1", modules = new[] { setup.ModuleId } }))["id"]!.GetValue<long>();
        long second = await setup.AssignAsync(extra: new { distributionSetId = newerSet });
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        JsonObject before = await GetJsonAsync(device, setup.Controller());
        await device.PostAsJsonAsync($"{setup.Controller()}/cancelAction/{first}/feedback", Status("canceled"));
        JsonObject after = await GetJsonAsync(device, setup.Controller());

        before["_links"]!["cancelAction"]!["href"]!.GetValue<string>().Should().EndWith($"/cancelAction/{first}");
        before["_links"]!["deploymentBase"].Should().BeNull("the cancellation comes first");
        after["_links"]!["deploymentBase"]!["href"]!.GetValue<string>().Should().Contain($"/deploymentBase/{second}?c=");
        JsonObject actions = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions");
        actions["items"]!.AsArray().Select(action => action!["status"]!.GetValue<string>()).Should().Equal("running", "canceled");
    }

    [Fact]
    public async Task FailureLeavesTheInstalledSetAsItWas()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        (await device.PostAsJsonAsync($"{setup.Controller()}/deploymentBase/{actionId}/feedback", Status("closed", "failure", "checksum mismatch")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        JsonObject action = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}");
        action["status"]!.GetValue<string>().Should().Be("error");
        action["feedback"]![0]!["details"]![0]!.GetValue<string>().Should().Be("checksum mismatch");
        (await GetJsonAsync(device, setup.Controller()))["_links"]?["installedBase"].Should().BeNull();
    }

    [Fact]
    public async Task BadFeedbackBodiesAreRefusedWithTheFieldAtFault()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        string feedback = $"{setup.Controller()}/deploymentBase/{actionId}/feedback";

        await (await device.PostAsJsonAsync(feedback, new { status = new { execution = "exploded" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status.execution");
        await (await device.PostAsJsonAsync(feedback, new { status = new { execution = "closed", result = new { finished = "maybe" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status.result.finished");
        await (await device.PostAsJsonAsync(feedback, new { id = "1" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status");
        (await device.PostAsync(feedback, new StringContent("{\"status\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await device.PostAsJsonAsync($"{setup.Controller()}/deploymentBase/{actionId + 100}/feedback", Status("proceeding"))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("running");
    }

    [Fact]
    public async Task ControllersReachOnlyTheirOwnTenantDeviceAndArtifacts()
    {
        UpdateSetup a = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        UpdateSetup b = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await a.AssignAsync();
        string otherToken = (await a.Admin.CreateDeviceAsync(a.Tenant, "d2"))["accessToken"]!.GetValue<string>();
        using HttpClient deviceA = UpdateSetup.Device(factory, a.DeviceToken);
        using HttpClient deviceA2 = UpdateSetup.Device(factory, otherToken);
        using HttpClient anonymous = factory.CreateClient();
        string artifact = $"softwaremodules/{a.ModuleId}/artifacts/{UpdateSetup.FileName}";

        HttpResponseMessage unauthenticated = await anonymous.GetAsync(a.Controller());
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unauthenticated.Headers.WwwAuthenticate.ToString().Should().Contain("TargetToken");
        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        (await anonymous.PostAsync($"{a.Controller()}/deploymentBase/{actionId}/feedback", malformed)).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "a stranger learns nothing about the body before authenticating");
        (await deviceA.GetAsync(b.Controller())).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "tenant B's d1 is another device");
        (await deviceA.GetAsync($"{b.Controller()}/{artifact}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await deviceA.GetAsync(a.Controller("d2"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await deviceA2.GetAsync($"{a.Controller("d2")}/deploymentBase/{actionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the action is d1's");
        (await deviceA2.GetAsync($"{a.Controller("d2")}/{artifact}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "d2 was given nothing to download");
        (await deviceA.GetAsync($"{a.Controller()}/{artifact}")).StatusCode.Should().Be(HttpStatusCode.OK);
        long onlyInA = (await a.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{a.Tenant}/software-modules", new { name = "only-in-a", version = "1", type = "os" }))["id"]!.GetValue<long>();
        (await b.Admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{b.Tenant}/software-modules/{onlyInA}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GatewayTokenServesRegisteredControllersAndRegistersNewOnesOnlyWhenEnabled()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        JsonObject issued = await setup.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{setup.Tenant}/ddi-settings", new { issueGatewayToken = true, pollingSleep = "00:00:30" });
        string gatewayToken = issued["gatewayToken"]!.GetValue<string>();
        using HttpClient gateway = UpdateSetup.Device(factory, gatewayToken, "GatewayToken");
        using HttpClient forged = UpdateSetup.Device(factory, "not-the-token", "GatewayToken");

        (await GetJsonAsync(gateway, setup.Controller()))["config"]!["polling"]!["sleep"]!.GetValue<string>().Should().Be("00:00:30");
        (await forged.GetAsync(setup.Controller())).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await gateway.GetAsync(setup.Controller("new-controller"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await setup.Admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{setup.Tenant}/ddi-settings", new { autoRegister = true, autoRegisterClusterId = "c1" });
        (await gateway.GetAsync(setup.Controller("new-controller"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/new-controller"))["clusterId"]!.GetValue<string>().Should().Be("c1");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/ddi-settings"))["gatewayToken"].Should().BeNull("the token is shown once");
    }

    [Fact]
    public async Task MaintenanceWindowDecidesWhetherTheUpdateMayStart()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        await setup.Admin.CreateDeviceAsync(setup.Tenant, "d2");
        string d2Token = (await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d2/credentials/rotate"))["accessToken"]!.GetValue<string>();
        int closedHour = (DateTime.UtcNow.Hour + 12) % 24;
        long open = await setup.AssignAsync("d1", new { distributionSetId = setup.SetId, actionType = "soft", maintenanceWindow = new { schedule = "* * * * *", duration = "01:00:00", timeZone = "UTC" } });
        long closed = await setup.AssignAsync("d2", new { distributionSetId = setup.SetId, maintenanceWindow = new { schedule = $"0 {closedHour} * * *", duration = "00:30:00", timeZone = "Europe/Berlin" } });

        JsonObject openOffer = await GetJsonAsync(UpdateSetup.Device(factory, setup.DeviceToken), $"{setup.Controller()}/deploymentBase/{open}");
        JsonObject closedOffer = await GetJsonAsync(UpdateSetup.Device(factory, d2Token), $"{setup.Controller("d2")}/deploymentBase/{closed}");

        (openOffer["deployment"]!["download"]!.GetValue<string>(), openOffer["deployment"]!["update"]!.GetValue<string>(), openOffer["deployment"]!["maintenanceWindow"]!.GetValue<string>())
            .Should().Be(("attempt", "attempt", "available"));
        (closedOffer["deployment"]!["download"]!.GetValue<string>(), closedOffer["deployment"]!["update"]!.GetValue<string>(), closedOffer["deployment"]!["maintenanceWindow"]!.GetValue<string>())
            .Should().Be(("forced", "skip", "unavailable"));
        await (await setup.Admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d1/assignments",
            new { distributionSetId = setup.SetId, maintenanceWindow = new { schedule = "every night", duration = "01:00:00" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "maintenanceWindow.schedule");
    }

    private static object Status(string execution, string finished = "none", params string[] details) =>
        new { status = new { execution, result = new { finished }, details } };

    private static async Task<JsonObject> GetJsonAsync(HttpClient http, string path)
    {
        HttpResponseMessage response = await http.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
