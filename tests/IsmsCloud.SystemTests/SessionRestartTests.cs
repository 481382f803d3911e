using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static IsmsCloud.SystemTests.WorkspaceBrowser;

namespace IsmsCloud.SystemTests;

/// <summary>
/// A signed-in user stays signed in when the web app is killed and started again: the session cookie's keys and the token store are in
/// the web's database (decision 0028), not in the process that issued them.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SessionRestartTests(SystemFixture system)
{
    [Fact]
    public async Task A_signed_in_user_is_still_signed_in_after_the_web_app_restarts()
    {
        var page = await NewPageAsync(system);
        await SubmitLoginAsync(page, "admin@acme.example", "Demo-Pass-2026!");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");

        await RestartWebAsync();
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(Resources.Web);
        using var gateway = new HttpClient { BaseAddress = new Uri(SystemFixture.PublicUrl) };
        await Eventually.ReturnsAsync(async () => (await gateway.GetAsync("/")).StatusCode, status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the restarted web app answers through the gateway");

        await GotoInteractiveAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Acme Cloud");
        Assert.DoesNotContain("/identity/account/login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // Where it survived: the keys and the sign-in's tokens are rows of isms_web (a developer machine's default key
        // folder would survive a restart too, but not a second pod).
        Assert.True(await CountAsync("""SELECT count(*) FROM "DataProtectionKeys" """) > 0, "no data-protection key in isms_web");
        Assert.True(await CountAsync("""SELECT count(*) FROM "DistributedCache" WHERE "Key" LIKE 'isms-web:tokens:%'""") > 0, "no token store entry in isms_web");
    }

    /// <summary>
    /// Kills the web app's process (as a node failure or the OOM killer would) and starts it again. Not the
    /// orchestrator's restart command: it gives a graceful stop 20 seconds and then reports failure, and on a loaded
    /// 2-core machine the web app once took longer and was then left neither stopped nor serving, which took the web
    /// app away from every later browser test. A kill ends the process at once, and it is the harder case for the
    /// session: nothing is flushed on the way out, so what survives was already in the database.
    /// </summary>
    private async Task RestartWebAsync()
    {
        var notifications = system.App.ResourceNotifications;
        Assert.True(notifications.TryGetCurrentState(Resources.Web, out var running), "the web app has no state");
        var pid = running.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
        Assert.True(int.TryParse(pid, out var id), $"no process id for the web app (state {running.Snapshot.State?.Text})");
        using (var process = System.Diagnostics.Process.GetProcessById(id))
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(await ReachesTerminalStateAsync(TimeSpan.FromSeconds(60)), $"the web app (process {id}) was killed but is not reported stopped");
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var start = await commands.ExecuteCommandAsync(Resources.Web, KnownResourceCommands.StartCommand);
        Assert.True(start.Success, $"starting the web app: {start.Message}");
    }

    private async Task<bool> ReachesTerminalStateAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await system.App.ResourceNotifications.WaitForResourceAsync(Resources.Web, KnownResourceStates.TerminalStates, timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestServers.Postgres};Database=isms_web");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
