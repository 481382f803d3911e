using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Reporting.AuditHeads;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Projections;

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
        });
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
