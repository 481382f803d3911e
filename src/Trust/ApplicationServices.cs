using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Trust.Demo;
using IsmsCloud.Trust.Files;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Portal;
using Microsoft.AspNetCore.Http.Features;

namespace IsmsCloud.Trust;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TrustDbContext, TrustSqlServerDbContext>(Resources.TrustDb);
        builder.AddAuditTrail();
        builder.AddServiceMessaging<TrustDbContext>("trust", bus =>
        {
            bus.AddConsumer<SoaPublishedConsumer>();
            bus.AddConsumer<AuditCompletedConsumer>();
            bus.AddConsumer<SignalsChangedConsumer>();
            bus.AddConsumer<Certificates.CertificateStateRequestedConsumer>();
            bus.AddDemoStory<TrustDemoStory>(builder);
            // Every instance needs each eviction, so each listens on a queue of its own (named after the instance,
            // deleted when it stops) instead of competing on the service's shared one.
            bus.AddConsumer<PortalPagesChangedConsumer>().Endpoint(endpoint =>
            {
                endpoint.InstanceId = $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}";
                endpoint.Temporary = true;
            });
        });
        builder.Services.AddScoped<ITenantOnboardingStep, TrustOnboardingStep>();
        builder.Services.AddScoped<DemoTrustPortal>();
        builder.Services.AddExceptionHandler<TrustExceptionHandler>();
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        builder.Services.AddTrustPolicies();
        builder.Services.AddOptions<TrustOptions>().BindConfiguration("Trust");

        // Uploads: at most MaxFileBytes of file plus a little form around it.
        var maxFile = builder.Configuration.GetValue("Trust:MaxFileBytes", FileUploads.DefaultMaxBytes);
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = maxFile + 64 * 1024);

        builder.Services.AddSingleton<PortalTenants>();
        builder.Services.AddSingleton<PortalCache>();
        builder.Services.AddScoped<PortalRenderer>();
        builder.Services.AddOutputCache(options => options.AddPolicy(PortalCachePolicy.Name, new PortalCachePolicy()));
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
