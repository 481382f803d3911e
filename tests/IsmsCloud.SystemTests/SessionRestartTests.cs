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
/// A signed-in user stays signed in when the web app restarts: the session cookie's keys and the token store are in
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

        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var restart = await commands.ExecuteCommandAsync(Resources.Web, KnownResourceCommands.RestartCommand);
        if (!restart.Success)
        {
            // The orchestrator gives a stop a fixed time; on a loaded 2-core machine the web app can finish stopping
            // just after it (seen in CI as "Failed to stop resource"). Wait for it to have stopped, then start it: the
            // restart under test is the same, and the suite's later browser tests keep their web app.
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await system.App.ResourceNotifications.WaitForResourceAsync(Resources.Web, KnownResourceStates.TerminalStates, stopped.Token);
            var start = await commands.ExecuteCommandAsync(Resources.Web, KnownResourceCommands.StartCommand);
            Assert.True(start.Success, $"{restart.Message}; then starting it: {start.Message}");
        }

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

    private static async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestServers.Postgres};Database=isms_web");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
