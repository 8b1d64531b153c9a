using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.TwoFactor;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Tenants;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder users = tenant.MapGroup("/users").WithTags("Users").RequirePermission(Permissions.UsersManage);
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync).WithSummary("Creates a user with a tenant-wide role (tenantAdmin, operator, viewer) or none (member: access through role assignments).");
        users.MapPatch("/{username}", ChangeAsync).WithSummary("Gives a user another role or a new password (either ends the user's tokens at once), or another email address.");
        users.MapDelete("/{username}", DeleteAsync);
        users.MapDelete("/{username}/second-factor", ResetSecondFactorAsync)
            .WithSummary("Removes a user's second factor (a lost phone); the tenant's policy has them enrol again at their next sign-in.");
        return tenant;
    }

    public static async Task<Ok<List<UserResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok((await scope.Tenant.GetUsersAsync(scope.CancellationToken)).Select(UserResponse.From).ToList());

    public static async Task<Created<UserResponse>> CreateAsync([AsParameters] TenantScope scope, CreateUserRequest request)
    {
        UserRole role = request.Role ?? throw CarmenException.Invalid("role", "A role is required: tenantAdmin, operator, viewer, or member (access only through role assignments).");
        UserInfo user = await scope.Tenant.CreateUserAsync(request.Username ?? "", role, request.Password ?? "", scope.Actor, UserEmails.Valid(request.Email), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/users/{user.Username}", UserResponse.From(user));
    }

    public static async Task<Ok<UserResponse>> ChangeAsync([AsParameters] TenantScope scope, string username, ChangeUserRequest request)
    {
        UserInfo user = await scope.Tenant.ChangeUserAsync(username, request.Role, request.Password, scope.Actor, scope.CancellationToken);
        if (request.Email is not null)
        {
            user = await scope.Grain<IUserGrain>(UserKeys.Of(scope.TenantId, user.Username)).SetEmailAsync(request.Email, scope.CancellationToken);
        }

        return TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<NoContent> ResetSecondFactorAsync([AsParameters] TenantScope scope, string username)
    {
        string name = username.Trim().ToLowerInvariant();
        if (!(await scope.Tenant.GetUsersAsync(scope.CancellationToken)).Any(user => user.Username == name))
        {
            throw CarmenException.NotFound($"User '{name}' does not exist.");
        }

        await scope.Grain<ISecondFactorGrain>(UserKeys.Of(scope.TenantId, name)).RemoveAsync(scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, string username)
    {
        await scope.Tenant.DeleteUserAsync(username, scope.Actor, scope.CancellationToken);
        return TypedResults.NoContent();
    }
}
