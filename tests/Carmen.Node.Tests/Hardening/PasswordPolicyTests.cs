using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

public sealed class PasswordPolicyTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Theory]
    [InlineData("12345678")]
    [InlineData("password")]
    [InlineData("1234567890")]
    [InlineData("Password123")]
    [InlineData("qwertyuiop")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    public async Task WeakPasswordsAreRefused(string password)
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users", new { username = $"{tenant}-weak", password, role = "viewer" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task APassphraseIsAccepted()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users",
            new { username = $"{tenant}-fine", password = "staple-orbit-lantern", role = "viewer" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
