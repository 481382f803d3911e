using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Reporting;
using IsmsCloud.Reporting.AuditHeads;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.ManagementReviews;
using IsmsCloud.Reporting.Projections;
using IsmsCloud.Reporting.Signals;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseTenantApiPipeline();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapTenantDataExport("api/reporting");
app.MapRiskSummaryApi();
app.MapAuditHeadsApi();
app.MapSignalsApi();
app.MapBackfillApi();
app.MapManagementReviewsApi();

app.Run();
