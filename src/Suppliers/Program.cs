using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapTenantDataExport("api/suppliers");
app.MapSupplierApis();

app.Run();
