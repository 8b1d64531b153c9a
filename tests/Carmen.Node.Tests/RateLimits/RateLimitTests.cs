using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.RateLimits;

/// <summary>
/// Limits per key, per user and per tenant, on a clock the tests move: each fires at its burst, answers 429 naming
/// itself with Retry-After and the RateLimit headers, and lets calls in again as its bucket refills.
/// </summary>
public sealed class RateLimitTests(RateLimitHost host) : IClassFixture<RateLimitHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task AKeysLimitFiresAtItsBurstNamesItselfAndRefillsAtItsRate()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        HttpClient limited = await KeyAsync(tenant, "limited");
        HttpClient other = await KeyAsync(tenant, "other");
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/rate-limits"), new { perKey = new { requestsPerSecond = 0.5, burst = 3 } });

        HttpResponseMessage[] first = [.. await SequentiallyAsync(limited, tenant.Path("/devices"), 4)];
        HttpResponseMessage stillLimited = await limited.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));
        HttpResponseMessage otherKeysOwn = await other.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        HttpResponseMessage[] refilled = [.. await SequentiallyAsync(limited, tenant.Path("/devices"), 2)];

        first.Select(response => response.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        first[0].Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"perKey\";q=3;w=6", "a burst of 3 refills over 6 s at 0.5/s");
        first.Take(3).Select(response => response.Headers.GetValues("RateLimit").Single()).Should().Equal(
            "\"perKey\";r=2;t=2", "\"perKey\";r=1;t=4", "\"perKey\";r=0;t=6");
        JsonObject problem = await first[3].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem["limit"]!.GetValue<string>().Should().Be("perKey");
        problem["detail"]!.GetValue<string>().Should().StartWith("The per-key limit for key ").And.Contain("(0.5 requests per second, burst 3)");
        first[3].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2), "one call is back in 2 s at 0.5/s");
        first[3].Headers.GetValues("RateLimit").Single().Should().Be("\"perKey\";r=0;t=6");
        stillLimited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "nothing refills while the clock stands");
        otherKeysOwn.StatusCode.Should().Be(HttpStatusCode.OK, "each key has its own bucket");
        refilled.Select(response => response.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ARouteGroupsLimitHoldsOnlyThatGroupAndTheTenantsHoldsAllItsCallers()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        HttpClient first = await KeyAsync(tenant, "first");
        HttpClient second = await KeyAsync(tenant, "second");
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/rate-limits"), new
        {
            perTenant = new { requestsPerSecond = 1, burst = 5, routeGroups = new { devices = new { requestsPerSecond = 1, burst = 2 } } },
        });

        HttpResponseMessage[] devices = [.. await SequentiallyAsync(first, tenant.Path("/devices"), 3)];
        HttpResponseMessage[] alerts = [.. await SequentiallyAsync(second, tenant.Path("/alerts"), 4)];

        devices.Select(response => response.StatusCode).Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        (await devices[2].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["limit"]!.GetValue<string>().Should().Be("perTenant/devices");
        devices[0].Headers.GetValues("RateLimit-Policy").Single().Should().Be("\"perTenant/devices\";q=2;w=2, \"perTenant\";q=5;w=5");
        alerts.Select(response => response.StatusCode).Should().Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            "the tenant's 5 are shared by both keys: 2 went to devices, so 3 are left for alerts");
        (await alerts[3].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["limit"]!.GetValue<string>().Should().Be("perTenant");
    }

    [Fact]
    public async Task APlatformLimitHoldsWhateverTheTenantSetsAndPlatformAdministratorsAreNotLimited()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-boss", "tenantAdmin");
        using CarmenClient boss = await CarmenClient.SignInAsync(Factory, tenant.Id, $"{tenant.Id}-boss", CarmenClient.UserPassword);
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/rate-limits"), new { perUser = new { requestsPerSecond = 1, burst = 4 } });

        JsonObject set = await boss.SendOkAsync(HttpMethod.Put, tenant.Path("/rate-limits"), new { perUser = new { requestsPerSecond = 50, burst = 100 } });
        HttpResponseMessage[] bossCalls = [.. await SequentiallyAsync(boss.Http, tenant.Path("/devices"), 4)];
        HttpResponseMessage[] platformCalls = [.. await SequentiallyAsync(tenant.Admin.Http, tenant.Path("/devices"), 10)];

        set["platform"]!["perUser"]!["burst"]!.GetValue<int>().Should().Be(4);
        set["tenant"]!["perUser"]!["burst"]!.GetValue<int>().Should().Be(100);
        set["effective"]!["perUser"]!.ToJsonString().Should().Be("""{"requestsPerSecond":1,"burst":4}""", "the stricter of the two is in force");
        bossCalls.Select(response => response.StatusCode).Should().Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], "the PUT was the boss's first call of four");
        (await bossCalls[3].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests))["detail"]!.GetValue<string>().Should().Contain($"per-user limit for user {tenant.Id}-boss");
        platformCalls.Should().OnlyContain(response => response.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task LimitsAreCheckedFieldByFieldAndSetOnlyByAdministratorsOfTheTenant()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        ScopedTenant stranger = await ScopedTenant.CreateAsync(Factory);
        await stranger.Admin.CreateUserAsync(stranger.Id, $"{stranger.Id}-boss", "tenantAdmin");
        using CarmenClient strangerBoss = await CarmenClient.SignInAsync(Factory, stranger.Id, $"{stranger.Id}-boss", CarmenClient.UserPassword);
        using CarmenClient operatorUser = await tenant.MemberAsync(Factory, "ops", "operator", ScopedTenant.Tenant);
        string limits = tenant.Path("/rate-limits");

        HttpResponseMessage zeroRate = await tenant.Admin.SendAsync(HttpMethod.Put, limits, new { perKey = new { requestsPerSecond = 0, burst = 5 } });
        HttpResponseMessage noBurst = await tenant.Admin.SendAsync(HttpMethod.Put, limits, new { perTenant = new { requestsPerSecond = 5 } });
        HttpResponseMessage unknownGroup = await tenant.Admin.SendAsync(HttpMethod.Put, limits, new { perKey = new { requestsPerSecond = 5, burst = 5, routeGroups = new { devicez = new { requestsPerSecond = 1, burst = 1 } } } });
        HttpResponseMessage nestedGroups = await tenant.Admin.SendAsync(HttpMethod.Put, limits, new
        {
            perKey = new { requestsPerSecond = 5, burst = 5, routeGroups = new { devices = new { requestsPerSecond = 1, burst = 1, routeGroups = new { alerts = new { requestsPerSecond = 1, burst = 1 } } } } },
        });
        HttpResponseMessage byOperator = await operatorUser.SendAsync(HttpMethod.Put, limits, new { perKey = new { requestsPerSecond = 5, burst = 5 } });
        HttpResponseMessage byStranger = await strangerBoss.SendAsync(HttpMethod.Put, limits, new { perKey = new { requestsPerSecond = 5, burst = 5 } });
        JsonObject unchanged = await tenant.Admin.GetAsync(limits);

        await zeroRate.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "perKey.requestsPerSecond");
        await noBurst.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "perTenant.burst");
        (await unknownGroup.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "perKey.routeGroups.devicez"))["detail"]!.GetValue<string>().Should().Contain("devices");
        await nestedGroups.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "perKey.routeGroups.devices.routeGroups");
        byOperator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byStranger.StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant's administrator learns nothing of this tenant");
        unchanged["effective"]!.AsObject().Should().BeEmpty("nothing refused was kept");
    }

    private async Task<HttpClient> KeyAsync(ScopedTenant tenant, string name)
    {
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        string key = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name }))["key"]!.GetValue<string>();
        HttpClient http = Factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<List<HttpResponseMessage>> SequentiallyAsync(HttpClient http, string path, int calls)
    {
        var responses = new List<HttpResponseMessage>(calls);
        for (int i = 0; i < calls; i++)
        {
            responses.Add(await http.GetAsync(new Uri(path, UriKind.Relative)));
        }

        return responses;
    }
}
