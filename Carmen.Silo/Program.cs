using Carmen.Api.Hosting;
using Carmen.Silo.Backup;
using Carmen.Silo.Hosting;
using Carmen.Silo.Integrity;
using Carmen.Silo.Mqtt;

switch (args.FirstOrDefault())
{
    case MigrateCommand.Name:
        return await MigrateCommand.RunAsync(args[1..]);
    case AuditCommand.Name:
        return await AuditCommand.RunAsync(args[1..], Console.Out);
    case BackupCommand.Name:
        return await BackupCommand.RunAsync(args[1..], Console.Out, TimeProvider.System);
    case VerifyBackupCommand.Name:
        return await VerifyBackupCommand.RunAsync(args[1..], Console.Out);
    case RestoreCommand.Name:
        return await RestoreCommand.RunAsync(args[1..], Console.Out);
    case DrillCommand.Name:
        return await DrillCommand.RunAsync(args[1..], Console.Out, TimeProvider.System);
    case CheckCommand.Name:
        return await CheckCommand.RunAsync(args[1..], Console.Out);
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
