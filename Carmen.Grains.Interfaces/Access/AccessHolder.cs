namespace Carmen.Grains.Interfaces.Access;

/// <summary>A principal with access to a scope, through an assignment there (direct) or above it (inherited).</summary>
public sealed record AccessHolder(string Principal, RoleAssignment Assignment, bool Inherited);
