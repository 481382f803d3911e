using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The two migration switches. <c>Database:MigrateAtStartup</c> (default true, so local runs and tests migrate as
/// they always did) says whether every instance migrates when it starts. The migrate-only run, asked for by the
/// argument <c>migrate</c> (<c>dotnet IsmsCloud.Risk.dll migrate</c>, the release Job's container args) or by
/// <c>Database:MigrateOnly=true</c>, applies the migrations and exits: 0 when they are applied, 1 when not.
/// </summary>
public static class MigrationSwitches
{
    public const string MigrateArgument = "migrate";

    public static bool MigrateAtStartup(IConfiguration configuration) => configuration.GetValue("Database:MigrateAtStartup", true);

    public static bool MigrateOnly(IConfiguration configuration, IReadOnlyList<string> commandLine) =>
        configuration.GetValue("Database:MigrateOnly", false)
        || commandLine.Skip(1).Any(arg => string.Equals(arg, MigrateArgument, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Turns this host into the migrate-only run: when the container is built, every hosted service (Kestrel, the bus,
    /// the outbox relay, seeders, sweeps) is taken out and <see cref="MigrateOnlyRun"/> is the only one left. Done at
    /// container build time because services register hosted services after the database is added.
    /// </summary>
    public static void UseMigrateOnlyRun(IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.ConfigureContainer(
            new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }),
            services =>
            {
                services.RemoveAll<IHostedService>();
                services.AddHostedService<MigrateOnlyRun>();
            });
    }
}

/// <summary>Applies every registered database's migrations, logs the outcome, sets the exit code and stops the host.</summary>
public sealed class MigrateOnlyRun(IEnumerable<IDatabaseMigration> migrations, IHostApplicationLifetime lifetime, ILogger<MigrateOnlyRun> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Environment.ExitCode = 1;
        try
        {
            foreach (var migration in migrations)
            {
                logger.LogInformation("Applying the migrations of {Context}", migration.Name);
                await migration.MigrateAsync(cancellationToken);
                logger.LogInformation("Migrations of {Context} applied", migration.Name);
            }

            Environment.ExitCode = 0;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "Migrations failed; the release must not go on");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
