using static Carmen.Grains.Interfaces.Access.Permissions;

namespace Carmen.Grains.Interfaces.Access;

/// <summary>The roles every tenant has. The four flat roles users had before map to tenant-wide assignments of these.</summary>
public static class BuiltInRoles
{
    /// <summary>Everything within the scope, access included.</summary>
    public static RoleDefinition TenantAdmin { get; } = new("tenantAdmin", "Tenant administrator", PermissionSet.Everything, BuiltIn: true);

    /// <summary>Runs a business unit: its devices, rollouts, alerts, users and who has access.</summary>
    public static RoleDefinition BusinessUnitManager { get; } = new("businessUnitManager", "Business-unit manager", Of(
        [DevicesRead, DevicesWrite, DevicesCredentials, RolloutsManage, RolloutsApprove, AlertsRead, AlertsAcknowledge, AlertRulesManage, UsersManage, AccessManage]), BuiltIn: true);

    /// <summary>Works the fleet: devices, rollouts, alerts.</summary>
    public static RoleDefinition Operator { get; } = new("operator", "Operator", Of(
        [DevicesRead, DevicesWrite, DevicesCredentials, RolloutsManage, AlertsRead, AlertsAcknowledge]), BuiltIn: true);

    /// <summary>Reads devices and alerts.</summary>
    public static RoleDefinition Viewer { get; } = new("viewer", "Viewer", Of([DevicesRead, AlertsRead]), BuiltIn: true);

    /// <summary>Approves rollouts, and reads what they touch.</summary>
    public static RoleDefinition Approver { get; } = new("approver", "Rollout approver", Of([DevicesRead, AlertsRead, RolloutsApprove]), BuiltIn: true);

    /// <summary>Reads everything, the audit trail included, and changes nothing.</summary>
    public static RoleDefinition Auditor { get; } = new("auditor", "Auditor", Of([DevicesRead, AlertsRead, AuditRead]), BuiltIn: true);

    /// <summary>Every built-in role.</summary>
    public static IReadOnlyList<RoleDefinition> All { get; } = [TenantAdmin, BusinessUnitManager, Operator, Viewer, Approver, Auditor];
}
