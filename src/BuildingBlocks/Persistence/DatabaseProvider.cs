using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    Postgres,
    SqlServer,
}

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's ServiceDbContext on the configured provider, with tenancy, the outbox signal and
    /// migration at start-up (see <see cref="AddProviderDbContext{TContext, TSqlServerContext}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlServerContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
        where TSqlServerContext : TContext
    {
        builder.AddTenancy();
        builder.AddProviderDbContext<TContext, TSqlServerContext>(connectionName);
        builder.Services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddScoped<Members.MemberDirectory>();
        builder.Services.AddScoped<Audit.IAuditChainSource, Audit.ServiceDbContextChainSource>();
        return builder;
    }

    /// <summary>
    /// Registers any DbContext on the configured provider (<c>Database:Provider</c>: Postgres by default, SqlServer as
    /// the alternative). Each provider has its own migrations: PostgreSQL's belong to <typeparamref name="TContext"/>,
    /// SQL Server's to <typeparamref name="TSqlServerContext"/>, a subclass that exists only to own them. Adds the
    /// outbox signal and migrates the database at start-up, unless <c>Database:MigrateAtStartup</c> is false; started
    /// with the argument <c>migrate</c> it only migrates and exits (<see cref="MigrationSwitches"/>).
    /// </summary>
    public static IHostApplicationBuilder AddProviderDbContext<TContext, TSqlServerContext>(this IHostApplicationBuilder builder, string connectionName, Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
        where TSqlServerContext : TContext
    {
        builder.Services.TryAddSingleton<OutboxSignal>();
        // Background jobs take their once-across-replicas lock in this database.
        builder.Services.TryAddSingleton<SingleRunner>();
        // Who a save's audit entries name (identity's plain DbContext chains its changes too).
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<IAuditActorAccessor, HttpAuditActorAccessor>();
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Postgres);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");

        if (provider == DatabaseProvider.SqlServer)
        {
            builder.Services.AddDbContext<TContext, TSqlServerContext>((sp, options) =>
            {
                options.UseSqlServer(connectionString);
                options.AddInterceptors(new OutboxSignalInterceptor(sp.GetRequiredService<OutboxSignal>()));
                configure?.Invoke(options);
            });
        }
        else
        {
            builder.Services.AddDbContext<TContext>((sp, options) =>
            {
                options.UseNpgsql(connectionString);
                options.AddInterceptors(new OutboxSignalInterceptor(sp.GetRequiredService<OutboxSignal>()));
                configure?.Invoke(options);
            });
            // Aspire adds the health check, tracing and metrics; its retrying strategy is off because the services
            // use explicit transactions, which a retrying strategy would refuse.
            builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        }

        if (!builder.Services.Any(d => d.ServiceType == typeof(TableStatisticsRefresh)))
        {
            // One per process, whichever of its contexts an import writes to (the request names the context).
            builder.Services.AddSingleton<TableStatisticsRefresh>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<TableStatisticsRefresh>());
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatabaseMigration, DatabaseMigrator<TContext>>());
        if (MigrationSwitches.MigrateOnly(builder.Configuration, Environment.GetCommandLineArgs()))
        {
            MigrationSwitches.UseMigrateOnlyRun(builder);
        }
        else if (MigrationSwitches.MigrateAtStartup(builder.Configuration))
        {
            builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        }

        return builder;
    }
}
