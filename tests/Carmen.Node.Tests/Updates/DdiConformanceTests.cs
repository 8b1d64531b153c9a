using System.Net;
using System.Text;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Updates;

/// <summary>
/// Bodies as hawkBit's DDI reference documents them (DdiActionFeedback, DdiStatus, DdiResult, DdiProgress,
/// DdiConfigData, DdiConfirmationFeedback) and as real clients send them (swupdate's suricatta): what hawkBit's server
/// takes, Carmen takes; what it refuses with 405 or 410, Carmen refuses the same way.
/// </summary>
public sealed class DdiConformanceTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    public static TheoryData<string, string> DeploymentFeedback => new()
    {
        { "swupdate 2022.12 progress", """{"id": 5, "time": "20261124T111820", "status": {"result": {"progress": {"cnt": 0, "of": 1}, "finished": "none"}, "execution": "proceeding", "details": ["Installing Update Chunk Artifacts."]}}""" },
        { "hawkBit 0.3 example, id as a string", """{"id":"1","time":"20190809T121314","status":{"result":{"progress":{"of":5,"cnt":2},"finished":"none"},"execution":"proceeding","details":["The download has started"]}}""" },
        { "hawkBit 0.4 example, timestamp and code", """{"timestamp":1691568000000,"status":{"code":200,"result":{"finished":"none"},"execution":"download","details":["Feedback message"]}}""" },
        { "ISO 8601 time", """{"time":"2026-11-24T11:18:20Z","status":{"execution":"proceeding","result":{"finished":"none"}}}""" },
        { "progress of nothing yet", """{"status":{"execution":"proceeding","result":{"finished":"none","progress":{"cnt":0,"of":0}}}}""" },
        { "numbers as strings", """{"id":"7","status":{"execution":"proceeding","code":"12","result":{"finished":"none","progress":{"cnt":"1","of":"3"}}}}""" },
        { "unknown members", """{"id":5,"vendor":{"x":1},"status":{"execution":"scheduled","extra":true,"result":{"finished":"none","hint":"y"}}}""" },
        { "many details", "{\"status\":{\"execution\":\"proceeding\",\"result\":{\"finished\":\"none\"},\"details\":[" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"\"line {i}\"")) + "]}}" },
        { "details that are not strings", """{"status":{"execution":"proceeding","result":{"finished":"none"},"details":["free text",42,true,null]}}""" },
        { "upper-case values", """{"status":{"execution":"PROCEEDING","result":{"finished":"NONE"}}}""" },
    };

    [Theory]
    [MemberData(nameof(DeploymentFeedback))]
    public async Task DeploymentFeedbackThatHawkBitTakesIsTaken(string client, string body)
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage response = await device.PostAsync($"{setup.Controller()}/deploymentBase/{actionId}/feedback", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{client}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task SwupdatesSuccessAfterRestartEndsTheAction()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        string feedback = $"{setup.Controller()}/deploymentBase/{actionId}/feedback";

        (await device.PostAsync(feedback, Json($$$"""{"id":{{{actionId}}},"time":"20261124T111820","status":{"result":{"progress":{"cnt":0,"of":1},"finished":"none"},"execution":"proceeding","details":["Installing Update Chunk Artifacts."]}}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await device.PostAsync(feedback, Json($$$"""{"id":{{{actionId}}},"time":"20261124T111901","status":{"result":{"finished":"success"},"execution":"closed","details":["Update was successfully installed."]}}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("finished");
    }

    [Fact]
    public async Task ConfigDataAsOlderClientsSendItIsTaken()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage response = await device.PutAsync($"{setup.Controller()}/configData", Json(
            """{"id":"","time":"20190809T121314","status":{"result":{"finished":"success"},"execution":"closed","details":[]},"mode":"merge","data":{"VIN":"JH4TB2H26CC000000","hwRevision":"2"}}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/attributes"))["client"]!["VIN"]!.GetValue<string>().Should().Be("JH4TB2H26CC000000");
    }

    [Fact]
    public async Task ConfirmationFeedbackAsDocumentedIsTaken()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, confirmationRequired = true });
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage response = await device.PostAsync($"{setup.Controller()}/confirmationBase/{actionId}/feedback",
            Json("""{"confirmation":"confirmed","code":33,"details":["Feedback message"]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FeedbackOnAClosedActionIsGone()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        string feedback = $"{setup.Controller()}/deploymentBase/{actionId}/feedback";
        await device.PostAsync(feedback, Json("""{"status":{"execution":"closed","result":{"finished":"failure"}}}"""));

        HttpResponseMessage late = await device.PostAsync(feedback, Json("""{"status":{"execution":"proceeding","result":{"finished":"none"}}}"""));

        await late.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task CancelFeedbackForAnActionNobodyCanceledIsNotAllowed()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage response = await device.PostAsync($"{setup.Controller()}/cancelAction/{actionId}/feedback",
            Json("""{"id":1,"time":"20190809T121314","status":{"execution":"closed","result":{"finished":"success"}}}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("running");
    }

    [Theory]
    [InlineData("""{"id":{"nested":1},"status":{"execution":"proceeding","result":{"finished":"none"}}}""", "id")]
    [InlineData("""{"time":[1],"status":{"execution":"proceeding","result":{"finished":"none"}}}""", "time")]
    [InlineData("""{"status":{"execution":"exploded","result":{"finished":"none"}}}""", "status.execution")]
    [InlineData("""{"status":{"execution":"proceeding","result":{"finished":"none"},"details":[{"a":1}]}}""", "status.details[0]")]
    [InlineData("""{"status":{"execution":"proceeding","result":{"finished":"none","progress":{"cnt":-1}}}}""", "status.result.progress")]
    public async Task FeedbackNoClientCouldMeanIsRefusedNamingTheField(string body, string field)
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);

        HttpResponseMessage response = await device.PostAsync($"{setup.Controller()}/deploymentBase/{actionId}/feedback", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ConfigDataBeyondTheAttributeLimitsIsRefused()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        string controller = setup.Controller();

        HttpResponseMessage longKey = await device.PutAsync($"{controller}/configData", Json($$$"""{"data":{"{{{new string('k', 10_000)}}}":"v"}}"""));
        HttpResponseMessage bigValue = await device.PutAsync($"{controller}/configData", Json($$$"""{"data":{"blob":"{{{new string('x', 70_000)}}}"}}"""));
        HttpResponseMessage overflow = await device.PutAsync($"{controller}/configData", Json("""{"data":{"load":1e400}}"""));

        await longKey.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "data");
        await bigValue.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "blob");
        await overflow.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "load");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/attributes"))["client"]!.AsObject().Should().BeEmpty();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
