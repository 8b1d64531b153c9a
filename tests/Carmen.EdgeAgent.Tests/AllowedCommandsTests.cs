using Carmen.EdgeAgent.Rpc;

namespace Carmen.EdgeAgent.Tests;

/// <summary>The exec allow-list: only listed commands, exactly their slots, plain arguments.</summary>
public sealed class AllowedCommandsTests
{
    private readonly AllowedCommands _allowed = new(new Dictionary<string, List<string>>
    {
        ["restartApp"] = ["/usr/bin/systemctl", "restart", "app.service"],
        ["ping"] = ["/bin/ping", "-c", "3", "{0}"],
    });

    [Fact]
    public void AListedCommandRunsWithItsSlotsFilled()
    {
        (IReadOnlyList<string>? argv, string? refusal) = _allowed.Resolve("ping", ["10.0.0.1"]);

        refusal.Should().BeNull();
        argv.Should().Equal("/bin/ping", "-c", "3", "10.0.0.1");
    }

    [Theory]
    [InlineData("rm", new string[0], "not in this device's allowedCommands")]
    [InlineData("restartApp", new[] { "extra" }, "takes 0 argument(s), not 1")]
    [InlineData("ping", new[] { "-f" }, "may not start with '-'")]
    [InlineData("ping", new[] { "host; reboot" }, "only letters, digits")]
    [InlineData("ping", new[] { "$(reboot)" }, "only letters, digits")]
    public void AnythingElseIsRefusedWithTheReason(string name, string[] arguments, string reason)
    {
        (IReadOnlyList<string>? argv, string? refusal) = _allowed.Resolve(name, arguments);

        argv.Should().BeNull();
        refusal.Should().Contain(reason);
    }
}
