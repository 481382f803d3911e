using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>One service database's migrations, whether applied at start-up or by the migrate-only run.</summary>
public interface IDatabaseMigration
{
    string Name { get; }

    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Applies the service's migrations before the server accepts requests (hosted services start before Kestrel),
/// creating the database on first run. Retries for a while because the database server may still be starting.
/// Registered as a hosted service only while <c>Database:MigrateAtStartup</c> is true (the default); in Kubernetes
/// a release Job runs them once instead (<see cref="MigrateOnlyRun"/>).
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService, IDatabaseMigration
    where TContext : DbContext
{
    public string Name => typeof(TContext).Name;

    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 10 && !cancellationToken.IsCancellationRequested && ex is not InvalidOperationException)
            {
                logger.LogWarning(ex, "Migrating {Context} failed (attempt {Attempt}); retrying", typeof(TContext).Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
