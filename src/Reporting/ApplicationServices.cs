using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Contracts;
using IsmsCloud.Reporting.AuditHeads;
using IsmsCloud.Reporting.Digest;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.ManagementReviews;
using IsmsCloud.Reporting.Projections;
using IsmsCloud.Reporting.Signals;
using MassTransit;

namespace IsmsCloud.Reporting;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext, ReportingSqlServerDbContext>(Resources.ReportingDb);
        builder.AddServiceMessaging<ReportingDbContext>("reporting", bus =>
        {
            bus.AddConsumer<RiskAssessedConsumer>();
            bus.AddConsumer<RiskDeletedConsumer>();
            bus.AddConsumer<AuditTrailHeadPublishedConsumer>();
            bus.AddConsumer<ManagementReviewRepublisher>();
            bus.AddDemoStory<Demo.ReportingDemoStory>(builder);
            // The facts the signals are computed from (SIGNALS.md), one consumer per event.
            bus.AddConsumers(typeof(FactConsumer<>).Assembly.GetTypes().Where(IsFactConsumer).ToArray());
        });
        builder.Services.AddOptions<SignalsOptions>().BindConfiguration("Signals");
        builder.Services.AddOptions<FactsCacheOptions>().BindConfiguration("Signals:FactsCache");
        builder.Services.AddSingleton<TenantFactsCache>();
        builder.Services.AddSingleton<SignalsChangeFeed>();
        builder.Services.AddSingleton<SignalsJobs>();
        builder.Services.AddSingleton<Backfill>();
        builder.Services.AddScoped<ITenantOnboardingStep, FollowFromOnboarding>();
        builder.Services.AddScoped<SignalsService>();
        builder.Services.AddManagementReviews();
        builder.Services.AddOptions<DigestOptions>().BindConfiguration("Digest");
        builder.Services.AddSingleton<IDigestSender, SmtpDigestSender>();
        builder.Services.AddSingleton<DailyDigest>();
        if (builder.Configuration.GetValue("Digest:Enabled", true))
        {
            builder.Services.AddHostedService<DailyDigestService>();
        }

        if (builder.Configuration.GetValue("Signals:RunJobs", true))
        {
            builder.Services.AddHostedService<SignalsJobsService>();
        }

        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }

    private static bool IsFactConsumer(Type type)
    {
        if (type.IsAbstract)
        {
            return false;
        }

        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(FactConsumer<>))
            {
                return true;
            }
        }

        return false;
    }
}
