namespace IsmsCloud.Gateway;

internal static class GatewayServices
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes.All, Routes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddEdgeRateLimiting(builder.Configuration);
        return builder;
    }
}
