using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk;
using IsmsCloud.Risk.Risks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapRisksApi();

app.Run();
