namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// The published catalogue of permissions a role is made of. Each is one bit of a <see cref="PermissionSet"/>, so a
/// decision is a few bitwise ORs along a resource's path, never a lookup of names.
/// </summary>
public static class Permissions
{
    /// <summary>Read devices, their attributes, telemetry and diagnostics.</summary>
    public const string DevicesRead = "devices.read";

    /// <summary>Register, change, quarantine and decommission devices; send RPCs.</summary>
    public const string DevicesWrite = "devices.write";

    /// <summary>Issue, rotate and set device credentials.</summary>
    public const string DevicesCredentials = "devices.credentials";

    /// <summary>Create, drive and delete rollouts and direct assignments; manage the software catalogue.</summary>
    public const string RolloutsManage = "rollouts.manage";

    /// <summary>Approve or deny rollouts and their groups.</summary>
    public const string RolloutsApprove = "rollouts.approve";

    /// <summary>Read alerts and alert reports.</summary>
    public const string AlertsRead = "alerts.read";

    /// <summary>Acknowledge, assign, comment on and clear alerts.</summary>
    public const string AlertsAcknowledge = "alerts.acknowledge";

    /// <summary>Create and change alert rules, teams, escalation paths and notification channels.</summary>
    public const string AlertRulesManage = "alertRules.manage";

    /// <summary>Create, change and remove users.</summary>
    public const string UsersManage = "users.manage";

    /// <summary>Grant and remove access (role assignments, invitations) at the scope.</summary>
    public const string AccessManage = "access.manage";

    /// <summary>Create and change business units, clusters and the tenant's settings.</summary>
    public const string HierarchyManage = "hierarchy.manage";

    /// <summary>Read the audit trail and access records.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>Manage report templates and schedules.</summary>
    public const string ReportsManage = "reports.manage";

    /// <summary>Create and delete provisioning profiles, whose secrets let devices register themselves.</summary>
    public const string ProvisioningManage = "provisioning.manage";

    /// <summary>Read the tenant's support tickets (those about devices the caller cannot read stay hidden).</summary>
    public const string TicketsRead = "tickets.read";

    /// <summary>Open support tickets, reply on them and mark them solved.</summary>
    public const string TicketsWrite = "tickets.write";

    /// <summary>Every permission, in catalogue order: a permission's position is its bit, so new ones are only ever appended.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DevicesRead, DevicesWrite, DevicesCredentials, RolloutsManage, RolloutsApprove, AlertsRead, AlertsAcknowledge,
        AlertRulesManage, UsersManage, AccessManage, HierarchyManage, AuditRead, ReportsManage, ProvisioningManage,
        TicketsRead, TicketsWrite,
    ];

    /// <summary>What each permission allows, as the catalogue publishes it.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DevicesRead] = "Read devices, their attributes, telemetry and diagnostics.",
        [DevicesWrite] = "Register, change, move, quarantine and decommission devices; send RPCs.",
        [DevicesCredentials] = "Issue, rotate and set device credentials.",
        [RolloutsManage] = "Create, drive and delete rollouts and direct assignments; manage the software catalogue.",
        [RolloutsApprove] = "Approve or deny rollouts and their groups.",
        [AlertsRead] = "Read alerts, alert rules, teams and escalation paths.",
        [AlertsAcknowledge] = "Acknowledge, assign, comment on and clear alerts; redeliver dead letters.",
        [AlertRulesManage] = "Create and change alert rules, teams, escalation paths and notification channels.",
        [UsersManage] = "Create, change and remove the tenant's users.",
        [AccessManage] = "Grant and remove access (role assignments, custom roles) at the scope.",
        [HierarchyManage] = "Create and change business units, clusters and the tenant's settings.",
        [AuditRead] = "Read the audit trail and access records.",
        [ReportsManage] = "Manage report templates and schedules.",
        [ProvisioningManage] = "Create and delete provisioning profiles.",
        [TicketsRead] = "Read the tenant's support tickets about devices the caller reads (and those it opened).",
        [TicketsWrite] = "Open support tickets, reply on them and mark them solved.",
    };

    private static readonly Dictionary<string, int> s_bits = All.Select((name, bit) => (name, bit)).ToDictionary(pair => pair.name, pair => pair.bit, StringComparer.Ordinal);

    /// <summary>The set holding the one permission named; an unknown name is a validation error on <paramref name="field"/>.</summary>
    public static PermissionSet Of(string name, string field = "permission") =>
        s_bits.TryGetValue(name, out int bit)
            ? new PermissionSet(1UL << bit)
            : throw CarmenException.Invalid(field, $"Unknown permission '{name}'; GET /api/v1/permissions lists them.");

    /// <summary>The set holding the permissions named; an unknown name is a validation error on <paramref name="field"/>.</summary>
    public static PermissionSet Of(IEnumerable<string> names, string field = "permissions")
    {
        ulong bits = 0;
        foreach (string name in names)
        {
            bits |= s_bits.TryGetValue(name, out int bit)
                ? 1UL << bit
                : throw CarmenException.Invalid(field, $"Unknown permission '{name}'; GET /api/v1/permissions lists them.");
        }

        return new PermissionSet(bits);
    }
}
