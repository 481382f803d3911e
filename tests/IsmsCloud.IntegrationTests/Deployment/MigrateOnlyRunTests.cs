using System.Diagnostics;
using IsmsCloud.Testing;

namespace IsmsCloud.IntegrationTests.Deployment;

/// <summary>
/// The release Job's command (infra/k8s/base/migrations): the built service started with the argument
/// <c>migrate</c> against the test PostgreSQL applies its migrations to an empty database, starts nothing else
/// (no HTTP server, no bus) and exits 0; started again it finds nothing to do and exits 0 again.
/// </summary>
public sealed class MigrateOnlyRunTests
{
    [Theory]
    [InlineData("Risk", "IsmsCloud.Risk", "riskdb", "RiskDbContext")]
    [InlineData("Identity", "IsmsCloud.Identity", "identitydb", "IdentityDbContext")]
    [InlineData("Web", "IsmsCloud.Web", "webdb", "WebDbContext")]
    public async Task Migrate_argument_applies_the_migrations_and_exits_zero(string folder, string assembly, string connectionName, string context)
    {
        var database = $"isms_it_migrate_{connectionName}";
        await TestServers.DropDatabasesAsync(database);

        var first = await RunAsync(folder, assembly, connectionName, database);
        Assert.True(first.ExitCode == 0, $"exit code {first.ExitCode}:\n{first.Output}");
        Assert.Contains($"Migrations of {context} applied", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", first.Output, StringComparison.Ordinal);
        var applied = await AppliedMigrationsAsync(database);
        Assert.True(applied > 0, "no row in __EFMigrationsHistory");

        var second = await RunAsync(folder, assembly, connectionName, database);
        Assert.True(second.ExitCode == 0, $"second run: exit code {second.ExitCode}:\n{second.Output}");
        Assert.Equal(applied, await AppliedMigrationsAsync(database));
        await TestServers.DropDatabasesAsync(database);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string folder, string assembly, string connectionName, string database)
    {
        // The service's own build output (same configuration as this test's), so its appsettings.json is the content root's.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var directory = Path.Combine(TestServers.RepoRoot, "src", folder, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, $"{assembly}.dll"), "migrate"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment[$"ConnectionStrings__{connectionName}"] = $"{TestServers.Postgres};Database={database}";
        start.Environment["ConnectionStrings__rabbitmq"] = TestServers.RabbitMq;
        start.Environment["Identity__Issuer"] = "http://localhost/";
        start.Environment["Identity__Url"] = "http://localhost/";
        start.Environment["Identity__WebClientSecret"] = "migrate-only";
        start.Environment["Database__MigrateAtStartup"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{assembly} migrate' did not exit within 90 s:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output + await error);
    }

    private static async Task<long> AppliedMigrationsAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestServers.Postgres};Database={database}");
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
