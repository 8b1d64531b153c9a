using Carmen.Api.Hosting;
using Carmen.Silo.Hosting;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddCarmenSilo();
builder.AddCarmenApi();

WebApplication app = builder.Build();
app.MapCarmenApi();
app.Run();

/// <summary>The entry point, visible to tests that host it.</summary>
public partial class Program;
