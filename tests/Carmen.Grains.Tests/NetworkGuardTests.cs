using System.Net;
using Carmen.Grains.Interfaces.Network;

namespace Carmen.Grains.Tests;

public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    public void EverySpellingOfAnInternalAddressIsRefused(string spelling)
    {
        IPAddress address = IPAddress.Parse(spelling);

        NetworkGuard.Strict.IsRefused(address).Should().BeTrue(spelling);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("2a00:1450:4001:80b::200e")]
    public void PublicAddressesMayBeReached(string spelling) =>
        NetworkGuard.Strict.IsRefused(IPAddress.Parse(spelling)).Should().BeFalse(spelling);

    [Fact]
    public void AnExplicitExceptionOpensItsNetworkOnly()
    {
        var guard = new NetworkGuard([IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("10.20.0.0/16")]);

        guard.IsRefused(IPAddress.Parse("127.0.0.1")).Should().BeFalse();
        guard.IsRefused(IPAddress.Parse("::ffff:127.0.0.1")).Should().BeFalse();
        guard.IsRefused(IPAddress.Parse("10.20.3.4")).Should().BeFalse();
        guard.IsRefused(IPAddress.Parse("127.0.0.2")).Should().BeTrue();
        guard.IsRefused(IPAddress.Parse("10.21.0.1")).Should().BeTrue();
    }

    [Fact]
    public async Task ARefusalDoesNotSayWhatAnInternalNameResolvedTo()
    {
        Func<Task> reach = () => NetworkGuard.Strict.ReachableAddressAsync("localhost", CancellationToken.None);

        (await reach.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().NotContain("127.0.0.1").And.NotContain("::1");
    }
}
