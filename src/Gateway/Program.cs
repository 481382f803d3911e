using IsmsCloud.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseEdgeTransportSecurity();
app.UseCorrelationId();
app.UseAuthentication();
app.UseRateLimiter();
app.UseOutputCache();
app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();
