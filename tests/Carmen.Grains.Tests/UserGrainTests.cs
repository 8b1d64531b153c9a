using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Tenants;
using Carmen.Grains.Users;
using Microsoft.AspNetCore.Identity;

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

    [Fact]
    public async Task TwoTenantsEachHaveTheirOwnUserOfOneName()
    {
        string first = "t-" + Guid.NewGuid().ToString("N")[..10], second = "t-" + Guid.NewGuid().ToString("N")[..10];
        foreach (string tenant in new[] { first, second })
        {
            await cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantSpec($"Tenant {tenant}", null, null, null));
            await cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateUserAsync("ops", UserRole.Operator, $"{tenant}-password");
        }

        (await cluster.Grains.GetGrain<IUserGrain>(UserKeys.Of(first, "ops")).SignInAsync($"{second}-password")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
        SignInDecision signedIn = await cluster.Grains.GetGrain<IUserGrain>(UserKeys.Of(second, "ops")).SignInAsync($"{second}-password");
        signedIn.User!.TenantId.Should().Be(second);
        signedIn.User.Username.Should().Be("ops");
        (await cluster.Grains.GetGrain<IUserGrain>("ops").SignInAsync($"{second}-password")).Outcome.Should().Be(SignInOutcome.InvalidCredentials);
    }

    [Fact]
    public async Task UsersFromWhenUsernamesWereGlobalMoveUnderTheirTenantAndSignInThere()
    {
        string tenantId = "legacy-" + Guid.NewGuid().ToString("N")[..8], username = "olga-" + Guid.NewGuid().ToString("N")[..8];
        var user = new UserState { TenantId = tenantId, Role = UserRole.Operator, SecurityStamp = "stamp-1", CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = new PasswordHasher<UserState>().HashPassword(user, "operator-pass-1");
        await cluster.Storage(StorageNames.Users).WriteStateAsync("user", GrainId.Create("user", username), new GrainState<UserState>(user));
        var tenant = new TenantState { Name = tenantId, DisplayName = "Legacy", Status = TenantStatus.Active, Usernames = [username], Incarnation = "incarnation-1" };
        await cluster.Storage(StorageNames.Tenants).WriteStateAsync("tenant", GrainId.Create("tenant", tenantId), new GrainState<TenantState>(tenant));

        (await cluster.Grains.GetGrain<ITenantGrain>(tenantId).GetUsersAsync()).Should().ContainSingle(found => found.Username == username);
        SignInDecision signedIn = await cluster.Grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username)).SignInAsync("operator-pass-1");
        signedIn.Outcome.Should().Be(SignInOutcome.Succeeded);
        signedIn.SecurityStamp.Should().Be("stamp-1", "the account moved whole, so its tokens stay valid");
        (await cluster.Grains.GetGrain<IUserGrain>(username).SignInAsync("operator-pass-1")).Outcome
            .Should().Be(SignInOutcome.InvalidCredentials, "a name alone signs in platform administrators only");
    }

    private async Task<IUserGrain> CreateUserAsync()
    {
        IUserGrain user = cluster.Grains.GetGrain<IUserGrain>(UserKeys.Of("some-tenant", "user-" + Guid.NewGuid().ToString("N")[..12]));
        await user.CreateAsync(new UserSpec("some-tenant", UserRole.Operator, "right-password"));
        return user;
    }
}
