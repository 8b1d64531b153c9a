using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Security;

/// <summary>Where security events go as RFC 5424 syslog over TCP (a SIEM, rsyslog, syslog-ng); off unless a host is set.</summary>
public sealed class SyslogOptions
{
    public const string SectionName = "Carmen:Security:Syslog";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 514;

    /// <summary>10: security/authorization messages (authpriv).</summary>
    [Range(0, 23)]
    public int Facility { get; set; } = 10;

    /// <summary>The HOSTNAME field; the machine's name unless set.</summary>
    public string? Hostname { get; set; }

    /// <summary>Events held while the receiver is unreachable; beyond this the oldest are dropped and counted.</summary>
    [Range(100, 1_000_000)]
    public int Buffer { get; set; } = 10_000;
}
