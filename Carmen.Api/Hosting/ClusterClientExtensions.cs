using Orleans.Configuration;

namespace Carmen.Api.Hosting;

public static class ClusterClientExtensions
{
    /// <summary>
    /// Connects to the silos of the PostgreSQL cluster through its membership table: ConnectionStrings:Carmen, and
    /// Carmen:Orleans:ClusterId / ServiceId as the silos have them (both "carmen" by default).
    /// </summary>
    public static WebApplicationBuilder AddCarmenClusterClient(this WebApplicationBuilder builder)
    {
        string connectionString = builder.Configuration.GetConnectionString("Carmen") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("The API process needs ConnectionStrings:Carmen, the database of the cluster it serves.");
        ClusterClientOptions cluster = builder.Configuration.GetSection(ClusterClientOptions.SectionName).Get<ClusterClientOptions>() ?? new();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            if (TelemetryExtensions.TracingEnabled)
            {
                client.AddActivityPropagation();
            }

            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
        });
        return builder;
    }
}
