using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using IsmsCloud.Contracts;
using IsmsCloud.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace IsmsCloud.IntegrationTests.Deployment;

/// <summary>
/// identity-api as production runs it (decision 0031): its signing and encryption keys come from certificate files
/// (a PEM pair, as a Kubernetes TLS secret mounts it), so two replicas, or one after a restart, publish the same key
/// and accept each other's tokens; and its cookies are Secure. A second identity host on the fixture's database, with
/// the same files, stands in for the second replica.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ConfiguredKeysTests(PlatformFixture platform) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("isms-keys-");

    public void Dispose() => _folder.Delete(recursive: true);

    private (string Certificate, string Key, X509Certificate2 Issued) Pem(string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var crt = Path.Combine(_folder.FullName, $"{name}.crt");
        var pem = Path.Combine(_folder.FullName, $"{name}.key");
        File.WriteAllText(crt, certificate.ExportCertificatePem());
        File.WriteAllText(pem, key.ExportPkcs8PrivateKeyPem());
        return (crt, pem, certificate);
    }

    private WebApplicationFactory<IsmsCloud.Identity.Tenants.TenantOnboarding> Replica((string Certificate, string Key, X509Certificate2 _) signing,
        (string Certificate, string Key, X509Certificate2 _) encryption) =>
        platform.Identity.WithWebHostBuilder(host =>
        {
            host.UseSetting("Identity:Keys:Signing:0:Path", signing.Certificate);
            host.UseSetting("Identity:Keys:Signing:0:KeyPath", signing.Key);
            host.UseSetting("Identity:Keys:Encryption:0:Path", encryption.Certificate);
            host.UseSetting("Identity:Keys:Encryption:0:KeyPath", encryption.Key);
            host.UseSetting("Security:SecureCookies", "true");
        });

    /// <summary>As the browser reaches identity behind the ingress: over https (a Secure cookie is never sent over plain http).</summary>
    private static readonly WebApplicationFactoryClientOptions Browser = new()
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
    };

    [Fact]
    public async Task Two_replicas_with_the_configured_certificates_publish_one_key_and_accept_each_others_tokens_and_set_secure_cookies()
    {
        var signing = Pem("isms-token-signing", X509KeyUsageFlags.DigitalSignature);
        var encryption = Pem("isms-token-encryption", X509KeyUsageFlags.KeyEncipherment);
        await using var first = Replica(signing, encryption);
        await using var second = Replica(signing, encryption);
        using var firstClient = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var secondClient = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Both publish exactly the configured key, named by its certificate's thumbprint.
        var thumbprint = Base64UrlEncoder.Encode(signing.Issued.GetCertHash());
        foreach (var client in new[] { firstClient, secondClient })
        {
            var jwksUri = new Uri(JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement.GetProperty("jwks_uri").GetString()!);
            var keys = JsonDocument.Parse(await client.GetStringAsync(jwksUri.PathAndQuery)).RootElement.GetProperty("keys");
            Assert.Equal([thumbprint], keys.EnumerateArray().Select(k => k.GetProperty("x5t").GetString()));
        }

        // The first replica signs a member in: the token is signed with that key. The second accepts the access token
        // and redeems the refresh token, which the first encrypted with the shared encryption key.
        var tenant = await platform.OnboardTenantAsync("keys");
        var tokens = await new OidcTestClient(first.CreateClient(Browser),
            PlatformFixture.RedirectUri).SignInAsync(tenant.AdminEmail, tenant.Password);
        var header = JsonDocument.Parse(Base64UrlEncoder.Decode(tokens.AccessToken.Split('.')[0])).RootElement;
        Assert.Equal(thumbprint, header.GetProperty("x5t").GetString());
        using (var me = PlatformFixture.WithToken(second.CreateClient(), tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/identity/me")).StatusCode);
        }

        var refreshed = await new OidcTestClient(second.CreateClient(Browser),
            PlatformFixture.RedirectUri).RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(tenant.TenantId.ToString(), JwtPayload.Read(refreshed.AccessToken).GetProperty(IsmsClaims.TenantId).GetString());

        // Every cookie the sign-in page sets is Secure.
        using var login = await firstClient.GetAsync("/identity/account/login");
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
