using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IsmsCloud.Identity.Connect;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace IsmsCloud.UnitTests.Tokens;

/// <summary>
/// identity-api's signing and encryption certificates from configuration (decision 0031): PEM pairs and PKCS#12 files
/// load; nothing configured outside Development, or anything wrong, stops the start with every problem named; the
/// certificates loaded are the ones OpenIddict signs and encrypts with.
/// </summary>
public sealed class TokenCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("isms-keys-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static X509Certificate2 Rsa(string name, X509KeyUsageFlags usage, DateTimeOffset? from = null, DateTimeOffset? until = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        return request.CreateSelfSigned(from ?? Now.AddDays(-1), until ?? Now.AddYears(1));
    }

    private static X509Certificate2 Ecdsa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));
    }

    /// <summary>Writes tls.crt and tls.key, as a Kubernetes TLS secret mounts them.</summary>
    private (string Certificate, string Key) Pem(X509Certificate2 certificate, string name)
    {
        var crt = Path.Combine(_folder.FullName, $"{name}.crt");
        var key = Path.Combine(_folder.FullName, $"{name}.key");
        File.WriteAllText(crt, certificate.ExportCertificatePem());
        File.WriteAllText(key, (certificate.GetRSAPrivateKey() as AsymmetricAlgorithm ?? certificate.GetECDsaPrivateKey()!).ExportPkcs8PrivateKeyPem());
        return (crt, key);
    }

    private string Pfx(X509Certificate2 certificate, string name, string? password)
    {
        var path = Path.Combine(_folder.FullName, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_pem_pair_signs_and_a_pkcs12_file_encrypts_and_openiddict_uses_exactly_those()
    {
        var signing = Rsa("isms-signing", X509KeyUsageFlags.DigitalSignature);
        var encryption = Rsa("isms-encryption", X509KeyUsageFlags.KeyEncipherment);
        var (crt, key) = Pem(signing, "signing");
        var configuration = Configuration(
            ("Identity:Keys:Signing:0:Path", crt), ("Identity:Keys:Signing:0:KeyPath", key),
            ("Identity:Keys:Encryption:0:Path", Pfx(encryption, "encryption", "s3cret")), ("Identity:Keys:Encryption:0:Password", "s3cret"));

        var certificates = TokenCertificates.Load(configuration, new TestEnvironment(Environments.Production), Now);

        Assert.False(certificates.UseDevelopmentCertificates);
        Assert.Equal(signing.Thumbprint, Assert.Single(certificates.Signing).Thumbprint);
        Assert.Equal(encryption.Thumbprint, Assert.Single(certificates.Encryption).Thumbprint);
        Assert.All(certificates.Signing.Concat(certificates.Encryption), c => Assert.True(c.HasPrivateKey));

        var services = new ServiceCollection();
        services.AddOpenIddict().AddServer(certificates.AddTo);
        var options = new OpenIddictServerOptions();
        foreach (var configure in services.BuildServiceProvider().GetServices<IConfigureOptions<OpenIddictServerOptions>>())
        {
            configure.Configure(options);
        }

        Assert.Equal([signing.Thumbprint], options.SigningCredentials.Select(c => ((X509SecurityKey)c.Key).Certificate.Thumbprint));
        Assert.Equal([encryption.Thumbprint], options.EncryptionCredentials.Select(c => ((X509SecurityKey)c.Key).Certificate.Thumbprint));
    }

    [Fact]
    public void While_rotating_an_expired_certificate_may_stay_listed_beside_a_valid_one()
    {
        var old = Rsa("old", X509KeyUsageFlags.DigitalSignature, Now.AddYears(-2), Now.AddDays(-1));
        var current = Rsa("current", X509KeyUsageFlags.DigitalSignature);
        var encryption = Rsa("encryption", X509KeyUsageFlags.KeyEncipherment);
        var configuration = Configuration(
            ("Identity:Keys:Signing:0:Path", Pfx(old, "old", null)), ("Identity:Keys:Signing:1:Path", Pfx(current, "current", null)),
            ("Identity:Keys:Encryption:0:Path", Pfx(encryption, "encryption", null)));

        var certificates = TokenCertificates.Load(configuration, new TestEnvironment(Environments.Production), Now);

        Assert.Equal([old.Thumbprint, current.Thumbprint], certificates.Signing.Select(c => c.Thumbprint));
    }

    [Fact]
    public void Without_certificates_only_development_may_start_on_the_development_certificates()
    {
        Assert.True(TokenCertificates.Load(Configuration(), new TestEnvironment(Environments.Development), Now).UseDevelopmentCertificates);
        Assert.True(TokenCertificates.Load(Configuration(("Identity:Keys:Development", "true")), new TestEnvironment(Environments.Production), Now)
            .UseDevelopmentCertificates);

        var refused = Assert.Throws<InvalidOperationException>(() => TokenCertificates.Load(Configuration(), new TestEnvironment(Environments.Production), Now));
        Assert.Contains("Identity:Keys:Signing:0:Path", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Production", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() =>
            TokenCertificates.Load(Configuration(("Identity:Keys:Development", "false")), new TestEnvironment(Environments.Development), Now));
    }

    [Fact]
    public void Every_problem_is_named_at_once_and_nothing_half_configured_starts()
    {
        var publicOnly = X509CertificateLoader.LoadCertificate(Rsa("no-key", X509KeyUsageFlags.DigitalSignature).RawData);
        var wrongUsage = Rsa("wrong-usage", X509KeyUsageFlags.KeyEncipherment);
        var expired = Rsa("expired", X509KeyUsageFlags.KeyEncipherment, Now.AddYears(-2), Now.AddDays(-1));
        var configuration = Configuration(
            ("Identity:Keys:Signing:0:Path", Path.Combine(_folder.FullName, "missing.crt")), ("Identity:Keys:Signing:0:KeyPath", "/nowhere/tls.key"),
            ("Identity:Keys:Signing:1:Path", Pfx(publicOnly, "public-only", null)),
            ("Identity:Keys:Signing:2:Path", Pfx(wrongUsage, "wrong-usage", null)),
            ("Identity:Keys:Signing:3:Path", Pfx(Rsa("locked", X509KeyUsageFlags.DigitalSignature), "locked", "right")), ("Identity:Keys:Signing:3:Password", "wrong"),
            ("Identity:Keys:Encryption:0:Path", Pfx(Ecdsa("not-rsa"), "not-rsa", null)),
            ("Identity:Keys:Encryption:1:Path", Pfx(expired, "expired", null)));

        var refused = Assert.Throws<InvalidOperationException>(() => TokenCertificates.Load(configuration, new TestEnvironment(Environments.Production), Now));

        Assert.Contains("Identity:Keys:Signing:0:Path", refused.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Keys:Signing:1 (CN=no-key) has no private key", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Keys:Signing:2 (CN=wrong-usage) does not allow DigitalSignature", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Keys:Signing:3 cannot be read", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Keys:Encryption:0 (CN=not-rsa) is not an RSA certificate", refused.Message, StringComparison.Ordinal);
        Assert.Contains("None of the Identity:Keys:Encryption certificates is valid now", refused.Message, StringComparison.Ordinal);
        Assert.Contains("None of the Identity:Keys:Signing certificates", refused.Message, StringComparison.Ordinal); // none of the four is usable

        var onlySigning = Configuration(("Identity:Keys:Signing:0:Path", Pfx(Rsa("alone", X509KeyUsageFlags.DigitalSignature), "alone", null)));
        Assert.Contains("Identity:Keys:Encryption names no certificate",
            Assert.Throws<InvalidOperationException>(() => TokenCertificates.Load(onlySigning, new TestEnvironment(Environments.Production), Now)).Message, StringComparison.Ordinal);
    }
}
