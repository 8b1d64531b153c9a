namespace Carmen.Grains.Audit;

/// <summary>
/// Passes security events on once they are committed (to a SIEM over syslog). Must not block: the trail's grain calls
/// it between commits.
/// </summary>
public interface ISecurityEventForwarder
{
    void Forward(string chain, IReadOnlyList<AuditStoreRow> committed);
}
