using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapTenantDataExport("api/risk");
app.MapRiskApis();

app.Run();
