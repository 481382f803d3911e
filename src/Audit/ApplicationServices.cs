using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.Audits.Republishing;
using IsmsCloud.Audits.Soa;
using IsmsCloud.Audits.SupplierAccess;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;

namespace IsmsCloud.Audits;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuditPolicies();
        builder.AddServiceDatabase<AuditDbContext, AuditSqlServerDbContext>(Resources.AuditDb);
        builder.AddAuditTrail();
        builder.AddServiceMessaging<AuditDbContext>("audit", bus =>
        {
            bus.AddConsumer<ControlChangedConsumer>();
            bus.AddConsumer<TenantStateRequestedConsumer>();
            bus.AddConsumer<SupplierAccessChangedConsumer>();
            bus.AddDemoStory<Demo.AuditDemoStory>(builder);
        });
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        builder.Services.AddOptions<AuditOptions>().BindConfiguration("Audit");
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}

public sealed class AuditOptions
{
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}
