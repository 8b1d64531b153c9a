using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Contracts;

/// <summary>A node of the tenant's tree: {"type":"tenant"}, {"type":"businessUnit","id":"berlin"} or {"type":"cluster","id":"line-1"}.</summary>
public sealed record AccessScopeContract(string? Type, string? Id)
{
    public static AccessScopeContract From(AccessScope scope) => new(TypeName(scope.Type), scope.Id);

    /// <summary>The scope a request must name, or a validation error on "scope".</summary>
    public static AccessScope Required(AccessScopeContract? scope) =>
        (scope ?? throw CarmenException.Invalid("scope", "A scope is required: {\"type\":\"tenant|businessUnit|cluster\",\"id\"}.")).ToScope();

    /// <summary>The scope named, or a validation error on <paramref name="field"/>.</summary>
    public AccessScope ToScope(string field = "scope") => Parse(Type, Id, field);

    /// <summary>A scope from query parameters; none given is the tenant.</summary>
    public static AccessScope Parse(string? type, string? id, string field) => type switch
    {
        null or "tenant" when id is null => AccessScope.Tenant,
        "tenant" => throw CarmenException.Invalid($"{field}.id", "The tenant scope takes no id."),
        "businessUnit" or "cluster" when string.IsNullOrWhiteSpace(id) => throw CarmenException.Invalid($"{field}.id", $"A {type} scope names its id."),
        "businessUnit" => AccessScope.BusinessUnit(id!),
        "cluster" => AccessScope.Cluster(id!),
        null => throw CarmenException.Invalid($"{field}.type", "A scope with an id names its type: businessUnit or cluster."),
        _ => throw CarmenException.Invalid($"{field}.type", "A scope's type is tenant, businessUnit or cluster."),
    };

    private static string TypeName(ScopeType type) => type switch
    {
        ScopeType.Tenant => "tenant",
        ScopeType.BusinessUnit => "businessUnit",
        _ => "cluster",
    };
}
