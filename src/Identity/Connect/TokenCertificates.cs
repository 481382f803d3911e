using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IsmsCloud.Identity.Connect;

/// <summary>
/// One certificate named in configuration: a PEM certificate with its PEM key (<see cref="Path"/> and
/// <see cref="KeyPath"/>: a Kubernetes TLS secret's tls.crt and tls.key, as cert-manager or
/// <c>kubectl create secret tls</c> make them), or a PKCS#12 file (<see cref="Path"/> alone, with
/// <see cref="Password"/> when it has one).
/// </summary>
public sealed class CertificateFile
{
    public string? Path { get; set; }
    public string? KeyPath { get; set; }
    public string? Password { get; set; }
}

/// <summary>The <c>Identity:Keys</c> section.</summary>
public sealed class TokenKeyOptions
{
    public const string Section = "Identity:Keys";

    /// <summary>Certificates whose keys sign tokens. Several while rotating: OpenIddict signs with the valid one that expires last and publishes all of them.</summary>
    public List<CertificateFile> Signing { get; set; } = [];

    /// <summary>Certificates whose keys encrypt authorization codes and refresh tokens (RSA). Keep the old one until the tokens it encrypted have expired.</summary>
    public List<CertificateFile> Encryption { get; set; } = [];

    /// <summary>
    /// With no certificates configured, whether OpenIddict's development certificates (made per machine, in the
    /// user's store) may be used: by default only in Development. Every replica must sign with the same keys, so
    /// development certificates are for one instance on one machine.
    /// </summary>
    public bool? Development { get; set; }
}

/// <summary>
/// The certificates identity-api signs and encrypts tokens with, read from configuration (decision 0031) so that every
/// replica uses the same keys and a restart keeps them. Anything wrong is refused at start-up, all of it in one
/// message, rather than at the first sign-in.
/// </summary>
public sealed record TokenCertificates(IReadOnlyList<X509Certificate2> Signing, IReadOnlyList<X509Certificate2> Encryption)
{
    /// <summary>Nothing configured, and development certificates are allowed.</summary>
    public bool UseDevelopmentCertificates => Signing.Count == 0;

    /// <summary>
    /// Gives OpenIddict's server the keys: the configured certificates, or (where allowed) the development ones, which
    /// OpenIddict keeps in the user's certificate store and which survive restarts on one machine only.
    /// </summary>
    public void AddTo(OpenIddictServerBuilder server)
    {
        if (UseDevelopmentCertificates)
        {
            server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }

        foreach (var certificate in Signing)
        {
            server.AddSigningCertificate(certificate);
        }

        foreach (var certificate in Encryption)
        {
            server.AddEncryptionCertificate(certificate);
        }
    }

    public static TokenCertificates Load(IConfiguration configuration, IHostEnvironment environment, DateTimeOffset now)
    {
        var options = configuration.GetSection(TokenKeyOptions.Section).Get<TokenKeyOptions>() ?? new TokenKeyOptions();
        if (options.Signing.Count == 0 && options.Encryption.Count == 0)
        {
            return options.Development ?? environment.IsDevelopment()
                ? new TokenCertificates([], [])
                : throw new InvalidOperationException(
                    $"identity-api has no certificates to sign and encrypt tokens with (environment {environment.EnvironmentName}). Set " +
                    "Identity:Keys:Signing:0:Path and Identity:Keys:Encryption:0:Path (with KeyPath for a PEM key, or Password for a PKCS#12 file; " +
                    "docs/deployment.md), or Identity:Keys:Development=true for a single local instance.");
        }

        var problems = new List<string>();
        var signing = LoadAll(options.Signing, "Signing", X509KeyUsageFlags.DigitalSignature, rsaOnly: false, now, problems);
        var encryption = LoadAll(options.Encryption, "Encryption", X509KeyUsageFlags.KeyEncipherment, rsaOnly: true, now, problems);
        return problems.Count == 0
            ? new TokenCertificates(signing, encryption)
            : throw new InvalidOperationException("identity-api cannot use its token certificates:\n- " + string.Join("\n- ", problems));
    }

    private static List<X509Certificate2> LoadAll(
        List<CertificateFile> files, string purpose, X509KeyUsageFlags usage, bool rsaOnly, DateTimeOffset now, List<string> problems)
    {
        var loaded = new List<X509Certificate2>();
        if (files.Count == 0)
        {
            problems.Add($"Identity:Keys:{purpose} names no certificate; signing and encryption each need one.");
            return loaded;
        }

        for (var i = 0; i < files.Count; i++)
        {
            var key = $"Identity:Keys:{purpose}:{i}";
            if (Read(files[i], key, problems) is not { } certificate)
            {
                continue;
            }

            if (!certificate.HasPrivateKey)
            {
                problems.Add($"{key} ({certificate.Subject}) has no private key: give KeyPath for a PEM certificate, or a PKCS#12 file that holds the key.");
            }
            else if (rsaOnly && certificate.GetRSAPublicKey() is null)
            {
                problems.Add($"{key} ({certificate.Subject}) is not an RSA certificate: token encryption needs RSA.");
            }
            else if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } extension && !extension.KeyUsages.HasFlag(usage))
            {
                problems.Add($"{key} ({certificate.Subject}) does not allow {usage} (its key usage is {extension.KeyUsages}).");
            }
            else
            {
                loaded.Add(certificate);
            }
        }

        // Expired and not-yet-valid certificates may stay listed while rotating; one must be valid now.
        if (loaded.Count == 0)
        {
            problems.Add($"None of the Identity:Keys:{purpose} certificates can be used (see above).");
        }
        else if (!loaded.Any(c => c.NotBefore <= now.UtcDateTime && now.UtcDateTime < c.NotAfter))
        {
            problems.Add($"None of the Identity:Keys:{purpose} certificates is valid now ({now:yyyy-MM-dd HH:mm} UTC): " +
                string.Join(", ", loaded.Select(c => $"{c.Subject} {c.NotBefore.ToUniversalTime():yyyy-MM-dd} to {c.NotAfter.ToUniversalTime():yyyy-MM-dd}")) + ".");
        }

        return loaded;
    }

    private static X509Certificate2? Read(CertificateFile file, string key, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(file.Path))
        {
            problems.Add($"{key}:Path is empty.");
            return null;
        }

        if (!File.Exists(file.Path))
        {
            problems.Add($"{key}:Path {file.Path} does not exist (is the secret mounted?).");
            return null;
        }

        if (file.KeyPath is { Length: > 0 } && !File.Exists(file.KeyPath))
        {
            problems.Add($"{key}:KeyPath {file.KeyPath} does not exist (is the secret mounted?).");
            return null;
        }

        try
        {
            // Ephemeral keys: nothing is written to disk (the container's file system is read-only).
            return (file.KeyPath, file.Password) switch
            {
                ({ Length: > 0 } keyPath, { Length: > 0 } password) => X509Certificate2.CreateFromEncryptedPemFile(file.Path, password, keyPath),
                ({ Length: > 0 } keyPath, _) => X509Certificate2.CreateFromPemFile(file.Path, keyPath),
                _ => X509CertificateLoader.LoadPkcs12FromFile(file.Path, file.Password, X509KeyStorageFlags.EphemeralKeySet),
            };
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{key} cannot be read from {file.Path}: {ex.Message}");
            return null;
        }
    }
}
