using Carmen.Grains.Audit;

namespace Carmen.Silo.Security;

public static class SecurityHostingExtensions
{
    /// <summary>Forwarding of security events to syslog, when Carmen:Security:Syslog:Host names a receiver.</summary>
    public static WebApplicationBuilder AddSecurityForwarding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SyslogOptions>().BindConfiguration(SyslogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration.GetSection(SyslogOptions.SectionName).Get<SyslogOptions>() is { Host.Length: > 0 })
        {
            builder.Services.AddSingleton<SyslogForwarder>();
            builder.Services.AddSingleton<ISecurityEventForwarder>(provider => provider.GetRequiredService<SyslogForwarder>());
            builder.Services.AddHostedService(provider => provider.GetRequiredService<SyslogForwarder>());
        }

        return builder;
    }
}
