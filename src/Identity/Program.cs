using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Identity;
using IsmsCloud.Identity.Apis;
using IsmsCloud.Identity.Connect;
using IsmsCloud.Identity.Members;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddApplicationServices();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseSecureCookies();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseTextInputGuard();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
app.MapConnectEndpoints();
app.MapRazorPages();
app.MapAdminTenantsApi();
app.MapMeApi();
app.MapIntegrationClientsApi();
app.MapMembersApi();
app.MapAuditTrailApi("api/identity", group => group.AddEndpointFilter<ActiveMemberFilter>());

app.Run();
