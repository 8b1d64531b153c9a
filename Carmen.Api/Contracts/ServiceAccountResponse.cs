using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Api.Contracts;

/// <summary>A service account; its roles are role assignments with its <c>serviceAccountId</c>.</summary>
public sealed record ServiceAccountResponse(string Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<string> KeyIds)
{
    public static ServiceAccountResponse From(ServiceAccountInfo account) => new(account.Id, account.Name, account.CreatedAt, account.CreatedBy, account.KeyIds);
}
