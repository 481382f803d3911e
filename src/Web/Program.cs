using IsmsCloud.Web;
using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.ManagementReviews;
using IsmsCloud.Web.Api.Suppliers;
using IsmsCloud.Web.Auth;
using IsmsCloud.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();

app.UseWebPipeline();
app.MapDefaultEndpoints();
app.MapAccountEndpoints();
app.MapAuditTrailDownloads();
app.MapSupplierExportDownloads();
app.MapRegisterExportDownloads();
app.MapManagementReviewDownloads();
app.MapTenantExportDownloads();
app.MapFileDownloads();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program;
