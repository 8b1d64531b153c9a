using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Alerts;

/// <summary>Alert rules through the API: saved, changed and deleted; malformed ones refused naming the field at fault.</summary>
public sealed class AlertRulesTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private static readonly object s_hotOrFaulted = new
    {
        any = new object[] { new { key = "temp", op = "gt", value = 80 }, new { key = "state", op = "eq", value = "fault" } },
    };

    [Fact]
    public async Task ARuleIsSavedChangedAndDeleted()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string rules = $"/api/v1/tenants/{tenant}/alert-rules";

        JsonObject created = await admin.SendOkAsync(HttpMethod.Post, rules,
            new { name = "Overheating", severity = "major", scope = new { type = "cluster", id = "c1" }, condition = s_hotOrFaulted, forSeconds = 60 });
        long id = created["id"]!.GetValue<long>();
        JsonObject changed = await admin.SendOkAsync(HttpMethod.Put, $"{rules}/{id}", new
        {
            name = "Overheating", severity = "critical", scope = new { type = "tenant" }, condition = s_hotOrFaulted,
            clearCondition = new { key = "temp", op = "lt", value = 70 }, repeat = new { count = 3, withinMinutes = 10 },
        });
        JsonObject listed = await admin.GetAsync(rules);
        HttpResponseMessage deleted = await admin.SendAsync(HttpMethod.Delete, $"{rules}/{id}");
        HttpResponseMessage gone = await admin.SendAsync(HttpMethod.Get, $"{rules}/{id}");

        (created["severity"]!.GetValue<string>(), created["scope"]!["type"]!.GetValue<string>(), created["scope"]!["id"]!.GetValue<string>())
            .Should().Be(("major", "cluster", "c1"));
        created["condition"]!["any"]![1]!["value"]!.GetValue<string>().Should().Be("fault", "the condition comes back as the JSON it was written in");
        (created["forSeconds"]!.GetValue<int>(), created["revision"]!.GetValue<int>(), created["enabled"]!.GetValue<bool>()).Should().Be((60, 1, true));
        (changed["severity"]!.GetValue<string>(), changed["revision"]!.GetValue<int>(), changed["repeat"]!["count"]!.GetValue<int>()).Should().Be(("critical", 2, 3));
        changed["clearCondition"]!["op"]!.GetValue<string>().Should().Be("lt");
        listed["items"]!.AsArray().Should().ContainSingle().Which!["name"]!.GetValue<string>().Should().Be("Overheating");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"tenant"},"condition":{"any":[{"key":"t","op":"gt","value":1},{"key":"t","op":"above","value":2}]}}""", "condition.any[1].op")]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"tenant"},"condition":{"key":"t","op":"gt","value":1},"clearCondition":{"noData":{"key":"t"}}}""", "clearCondition.noData.minutes")]
    [InlineData("""{"name":"r","severity":"urgent","scope":{"type":"tenant"},"condition":{"key":"t","op":"gt","value":1}}""", "severity")]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"cluster","id":"nowhere"},"condition":{"key":"t","op":"gt","value":1}}""", "scope.id")]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"site"},"condition":{"key":"t","op":"gt","value":1}}""", "scope.type")]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"tenant"},"condition":{"key":"t","op":"gt","value":1},"forSeconds":30,"repeat":{"count":3,"withinMinutes":5}}""", "repeat")]
    [InlineData("""{"name":"r","severity":"major","scope":{"type":"tenant"},"condition":[1]}""", "condition")]
    [InlineData("""{"name":" ","severity":"major","scope":{"type":"tenant"},"condition":{"key":"t","op":"gt","value":1}}""", "name")]
    public async Task AMalformedRuleIsRefusedNamingTheFieldAtFault(string body, string field)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules", JsonNode.Parse(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/alert-rules"))["items"]!.AsArray().Should().BeEmpty("nothing of a refused rule is kept");
    }

    [Fact]
    public async Task RuleNamesAreUniqueWithinATenantAndRulesAreInvisibleToOtherTenants()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string other = await admin.CreateTenantAsync();
        var rule = new { name = "Offline", severity = "warning", scope = new { type = "tenant" }, condition = new { offline = new { minutes = 5 } } };
        JsonObject saved = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules", rule);
        CarmenClient otherAdmin = await CarmenClient.SignInAsync(factory, other, $"{other}-admin", CarmenClient.UserPassword);

        HttpResponseMessage duplicate = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules", rule);
        HttpResponseMessage sameNameElsewhere = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/alert-rules", rule);
        HttpResponseMessage foreignRead = await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/alert-rules/{saved["id"]}");
        HttpResponseMessage foreignDelete = await otherAdmin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/alert-rules/{saved["id"]}");

        await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict, "name");
        sameNameElsewhere.StatusCode.Should().Be(HttpStatusCode.Created);
        await foreignRead.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await foreignDelete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/alert-rules/{saved["id"]}"))["name"]!.GetValue<string>().Should().Be("Offline");
    }
}
