using Carmen.Api.Hosting;
using Carmen.Silo.Hosting;
using Carmen.Silo.Mqtt;

if (args.FirstOrDefault() == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == AuditCommand.Name)
{
    return await AuditCommand.RunAsync(args[1..], Console.Out);
}

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddCarmenSilo();
builder.AddCarmenApi();

WebApplication app = builder.Build();
app.MapCarmenMqttWebSockets();
app.MapCarmenApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to tests that host it.</summary>
public partial class Program;
