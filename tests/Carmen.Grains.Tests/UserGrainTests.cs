using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture cluster)
{
    [Fact]
    public async Task FiveFailuresInARowLockTheAccount()
    {
        IUserGrain user = await CreateUserAsync();

        for (int attempt = 0; attempt < 4; attempt++)
        {
            (await user.SignInAsync("wrong-password")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        }

        SignInDecision fifth = await user.SignInAsync("wrong-password");
        SignInDecision rightPassword = await user.SignInAsync("right-password");

        fifth.Outcome.Should().Be(SignInOutcome.LockedOut);
        rightPassword.Outcome.Should().Be(SignInOutcome.LockedOut);
        rightPassword.LockedUntil.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task SuccessResetsTheFailureCount()
    {
        IUserGrain user = await CreateUserAsync();

        for (int round = 0; round < 3; round++)
        {
            for (int attempt = 0; attempt < 4; attempt++)
            {
                await user.SignInAsync("wrong-password");
            }

            (await user.SignInAsync("right-password")).Outcome.Should().Be(SignInOutcome.Succeeded);
        }
    }

    [Fact]
    public async Task UnknownUserIsInvalidCredentials()
    {
        SignInDecision decision = await cluster.Grains.GetGrain<IUserGrain>("ghost-" + Guid.NewGuid().ToString("N")[..8]).SignInAsync("anything");

        decision.Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        decision.User.Should().BeNull();
    }

    private async Task<IUserGrain> CreateUserAsync()
    {
        IUserGrain user = cluster.Grains.GetGrain<IUserGrain>("user-" + Guid.NewGuid().ToString("N")[..12]);
        await user.CreateAsync(new UserSpec("some-tenant", UserRole.Operator, "right-password"));
        return user;
    }
}
