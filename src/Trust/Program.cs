using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.UseOutputCache();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapTenantDataExport("api/trust");
app.MapTrustApis();

app.Run();
