using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;

namespace IsmsCloud.Risk;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RiskDbContext, RiskSqlServerDbContext>(Resources.RiskDb);
        builder.AddServiceMessaging<RiskDbContext>("risk");
        builder.Services.AddExceptionHandler<PersistenceExceptionHandler>();
        builder.Services.AddRiskPolicies();
        // Here, not in ServiceDefaults: the validation source generator only sees the assembly that calls it.
        builder.Services.AddValidation();
        return builder;
    }
}
