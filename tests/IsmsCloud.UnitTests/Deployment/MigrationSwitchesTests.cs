using IsmsCloud.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.UnitTests.Deployment;

/// <summary>The switches the Kubernetes manifests rely on: no start-up migration in the Deployments, a migrate-only run in the Jobs.</summary>
public sealed class MigrationSwitchesTests
{
    [Fact]
    public void Migrating_at_start_up_stays_the_default_and_can_be_turned_off()
    {
        Assert.True(MigrationSwitches.MigrateAtStartup(Configuration()));
        Assert.False(MigrationSwitches.MigrateAtStartup(Configuration(("Database:MigrateAtStartup", "false"))));
    }

    [Fact]
    public void The_migrate_argument_or_the_setting_asks_for_the_migrate_only_run()
    {
        Assert.False(MigrationSwitches.MigrateOnly(Configuration(), ["IsmsCloud.Risk.dll"]));
        Assert.True(MigrationSwitches.MigrateOnly(Configuration(), ["IsmsCloud.Risk.dll", "migrate"]));
        Assert.True(MigrationSwitches.MigrateOnly(Configuration(("Database:MigrateOnly", "true")), ["IsmsCloud.Risk.dll"]));
        // The program's own name is not an argument.
        Assert.False(MigrationSwitches.MigrateOnly(Configuration(), ["migrate"]));
    }

    [Fact]
    public async Task The_migrate_only_run_is_the_only_hosted_service_and_sets_the_exit_code()
    {
        var previous = Environment.ExitCode;
        try
        {
            Assert.Equal(0, await RunAsync(new Migration(fails: false)));
            Assert.Equal(1, await RunAsync(new Migration(fails: true)));
        }
        finally
        {
            Environment.ExitCode = previous;
        }
    }

    private static async Task<int> RunAsync(Migration migration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService<NeverStarted>();
        builder.Services.AddSingleton<IDatabaseMigration>(migration);
        MigrationSwitches.UseMigrateOnlyRun(builder);
        using var host = builder.Build();

        var hosted = Assert.Single(host.Services.GetServices<IHostedService>());
        Assert.IsType<MigrateOnlyRun>(hosted);
        await hosted.StartAsync(CancellationToken.None);
        Assert.True(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.True(migration.Ran);
        return Environment.ExitCode;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Migration(bool fails) : IDatabaseMigration
    {
        public bool Ran { get; private set; }

        public string Name => "TestContext";

        public Task MigrateAsync(CancellationToken cancellationToken)
        {
            Ran = true;
            return fails ? Task.FromException(new InvalidOperationException("broken migration")) : Task.CompletedTask;
        }
    }

    private sealed class NeverStarted : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => throw new InvalidOperationException("must not start");
    }
}
