using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.History;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Republishing;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Risk.Scheduling;
using IsmsCloud.Risk.Soa;


namespace IsmsCloud.Risk;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRiskPolicies();
        builder.AddServiceDatabase<RiskDbContext, RiskSqlServerDbContext>(Resources.RiskDb);
        // After the migrations, before consumers and requests: the old history becomes the head of each chain.
        builder.Services.AddSingleton<LegacyHistoryChaining>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LegacyHistoryChaining>());
        builder.AddAuditTrail();
        builder.Services.AddScoped<ITenantOnboardingStep, SoaSeeding>();
        builder.AddServiceMessaging<RiskDbContext>("risk", bus =>
        {
            bus.AddConsumer<TenantStateRequestedConsumer>();
            bus.AddConsumer<FindingRaisedConsumer>();
            bus.AddConsumer<FindingChangedConsumer>();
            bus.AddConsumer<SupplierChangedConsumer>();
            bus.AddConsumer<SupplierConditionsRaisedConsumer>();
            bus.AddConsumer<Treatment.ManagementReviewActionRequestedConsumer>();
            bus.AddDemoStory<Demo.RiskDemoStory>(builder);
        });
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        builder.Services.Configure<AttachmentOptions>(builder.Configuration.GetSection("Attachments"));
        builder.Services.Configure<ExpirySweepOptions>(builder.Configuration.GetSection("Scheduling"));
        builder.Services.AddSingleton<ExpirySweep>();
        if (builder.Configuration.GetValue("Scheduling:Enabled", true))
        {
            builder.Services.AddHostedService<ExpirySweepJob>();
        }

        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
