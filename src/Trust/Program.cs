using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Trust;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Portal;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;
using IsmsCloud.Trust.Warnings;

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
app.MapScopeApi();
app.MapCertificatesApi();
app.MapProfileApi();
app.MapDocumentsApi();
app.MapAccessRequestsApi();
app.MapWarningsApi();
app.MapPortal();

app.Run();
