using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.UnitTests.Http;

/// <summary>Secure cookies (decision 0031): everywhere but Development unless configured, for web and identity-api alike.</summary>
public sealed class SecureCookiesTests
{
    private static IConfiguration With(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(value is null ? [] : [new KeyValuePair<string, string?>(TransportSecurity.SecureCookiesKey, value)]).Build();

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Staging", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Production", "false", false)] // a single plain-http run (the benchmarks)
    [InlineData("Development", "true", true)] // a test of the production behaviour
    public void Cookies_are_secure_outside_development_unless_configured(string environment, string? setting, bool secure) =>
        Assert.Equal(secure, TransportSecurity.SecureCookies(With(setting), new TestEnvironment(environment)));
}
