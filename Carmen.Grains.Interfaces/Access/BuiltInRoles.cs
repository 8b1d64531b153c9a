using static Carmen.Grains.Interfaces.Access.Permissions;

namespace Carmen.Grains.Interfaces.Access;

/// <summary>The roles every tenant has. The four flat roles users had before map to tenant-wide assignments of these.</summary>
public static class BuiltInRoles
{
    /// <summary>Everything within the scope, access included.</summary>
    public static RoleDefinition TenantAdmin { get; } = new("tenantAdmin", "Tenant administrator", PermissionSet.Everything, BuiltIn: true);

    /// <summary>Runs a business unit: its devices, rollouts, alerts, support tickets, users and who has access.</summary>
    public static RoleDefinition BusinessUnitManager { get; } = new("businessUnitManager", "Business-unit manager", Of(
        [DevicesRead, DevicesWrite, DevicesCredentials, RolloutsManage, RolloutsApprove, AlertsRead, AlertsAcknowledge, AlertRulesManage, UsersManage, AccessManage, TicketsRead, TicketsWrite]), BuiltIn: true);

    /// <summary>Works the fleet: devices, rollouts, alerts, support tickets.</summary>
    public static RoleDefinition Operator { get; } = new("operator", "Operator", Of(
        [DevicesRead, DevicesWrite, DevicesCredentials, RolloutsManage, AlertsRead, AlertsAcknowledge, TicketsRead, TicketsWrite]), BuiltIn: true);

    /// <summary>Reads devices, alerts and support tickets.</summary>
    public static RoleDefinition Viewer { get; } = new("viewer", "Viewer", Of([DevicesRead, AlertsRead, TicketsRead]), BuiltIn: true);

    /// <summary>Approves rollouts, and reads what they touch.</summary>
    public static RoleDefinition Approver { get; } = new("approver", "Rollout approver", Of([DevicesRead, AlertsRead, RolloutsApprove]), BuiltIn: true);

    /// <summary>Reads devices, alerts, support tickets and the audit trail, and changes nothing.</summary>
    public static RoleDefinition Auditor { get; } = new("auditor", "Auditor", Of([DevicesRead, AlertsRead, AuditRead, TicketsRead]), BuiltIn: true);

    /// <summary>Every built-in role.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } = [TenantAdmin, BusinessUnitManager, Operator, Viewer, Approver, Auditor];
}
