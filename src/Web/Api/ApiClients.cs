using System.Text.Json;
using System.Text.Json.Serialization;
using IsmsCloud.Contracts;
using IsmsCloud.Web.Auth;
using Refit;

namespace IsmsCloud.Web.Api;

public static class ApiClients
{
    /// <summary>
    /// Every API is called through the gateway (<c>Gateway:Url</c>; under Aspire <c>http://gateway</c>, resolved by
    /// service discovery), carrying the user's access token, so the gateway's edge rules apply to the web app too.
    /// </summary>
    public static IHostApplicationBuilder AddApiClients(this IHostApplicationBuilder builder)
    {
        var gateway = new Uri(builder.Configuration["Gateway:Url"]
            ?? ServiceAddress.Referenced(builder.Configuration, Resources.Gateway)
            ?? "http://localhost:8080");
        var settings = new RefitSettings
        {
            // Enums travel as their names, as the APIs write and expect them.
            ContentSerializer = new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                Converters = { new JsonStringEnumConverter() },
            }),
        };

        builder.Services.AddScoped<ApiCaller>();
        builder.Services.AddScoped<Components.Shared.TenantMembers>();
        AddClient<IIdentityApi>(builder.Services, gateway, settings);
        AddClient<IAdminApi>(builder.Services, gateway, settings);
        AddClient<IRiskApi>(builder.Services, gateway, settings);
        AddClient<IReportingApi>(builder.Services, gateway, settings);
        AddClient<ITrustApi>(builder.Services, gateway, settings);
        AddClient<IAuditProgrammeApi>(builder.Services, gateway, settings);
        AddClient<IAuditTrailApi>(builder.Services, gateway, settings);
        AddClient<IMembersApi>(builder.Services, gateway, settings);
        AddClient<IIntegrationClientsApi>(builder.Services, gateway, settings);
        AddClient<Suppliers.ISupplierApi>(builder.Services, gateway, settings);
        AddClient<ManagementReviews.IManagementReviewApi>(builder.Services, gateway, settings);
        return builder;
    }

    // Refit 16 generates the clients at build time (no reflection request builder), so every method must generate
    // inline; the build reports RF006 for one that cannot.
    private static void AddClient<TApi>(IServiceCollection services, Uri gateway, RefitSettings settings) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>(settings)
            .ConfigureHttpClient(client => client.BaseAddress = gateway)
            .AddHttpMessageHandler<AccessTokenHandler>();
}
