using System.Diagnostics;

namespace IsmsCloud.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ the test script started (profile "test"), and the script itself for the tests that
/// take the broker away and bring it back.
/// </summary>
public static class TestServers
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("ConnectionStrings__postgres") ?? "Host=127.0.0.1;Port=56432;Username=isms;Password=isms";

    public static string RabbitMq =>
        Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq") ?? "amqp://isms:isms@127.0.0.1:56672";

    public static string Profile => Environment.GetEnvironmentVariable("ISMS_TEST_PROFILE") ?? "test";

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IsmsCloud.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("IsmsCloud.sln not found above the test binaries.");
        }
    }

    /// <summary>Drops databases left by an earlier run, so every run starts from migrations on empty databases.</summary>
    public static async Task DropDatabasesAsync(params string[] names)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{Postgres};Database=postgres");
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public static Task StopRabbitAsync() => RunServersScriptAsync("stop-rabbit");

    public static Task StartRabbitAsync() => RunServersScriptAsync("start-rabbit");

    public static Task StopPostgresAsync() => RunServersScriptAsync("stop-postgres");

    public static Task StartPostgresAsync() => RunServersScriptAsync("start-postgres");

    private static async Task RunServersScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "infra/local/servers.sh"), command, "--profile", Profile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"servers.sh {command} failed ({process.ExitCode}): {output} {error}");
        }
    }
}
