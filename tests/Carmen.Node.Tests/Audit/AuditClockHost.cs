using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Audit;

/// <summary>A node whose audit records are stamped by a clock the tests move (retention).</summary>
public sealed class AuditClockHost() : MovedClockHost(clock => new CarmenApiFactory { AuditClock = clock });
