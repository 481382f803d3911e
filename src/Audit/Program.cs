using IsmsCloud.Audits;
using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapTenantDataExport("api/audit");
app.MapAuditProgrammeApis();

app.Run();
