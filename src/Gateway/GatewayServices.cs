namespace IsmsCloud.Gateway;

internal static class GatewayServices
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddEdgeForwardedHeaders();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes.All, Routes.Clusters)
            .AddServiceDiscoveryDestinationResolver();
        // Tokens are validated here only to know the caller's tenant for the rate limit; the services validate again
        // and authorize.
        builder.AddDefaultAuthentication(requireSignedInByDefault: false);
        builder.Services.AddEdgeRateLimiting(builder.Configuration);
        builder.Services.AddPortalMicrocache(builder.Configuration);
        return builder;
    }
}
