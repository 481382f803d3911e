using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Public links that carry a secret in their path (a supplier questionnaire's <c>/questionnaires/t/{token}</c>, a trust
/// portal NDA link's <c>/trust/{slug}/access/{token}</c>): the one list of them, so the services' request traces and the
/// gateway's proxy traces write the path with the token replaced, and the request and proxy logs that would print the
/// path are kept at Warning (see <see cref="Extensions.ConfigureOpenTelemetry{TBuilder}"/>).
/// </summary>
public static partial class SecretPaths
{
    public const string Redacted = "[redacted]";

    [GeneratedRegex(@"^(?<keep>/questionnaires/t/|/trust/[^/?#]+/access/)(?<secret>[^/?#]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    /// <summary>The path (or path and query) with its secret segment replaced; unchanged when it carries none.</summary>
    public static string Redact(string path) => Pattern().Replace(path, m => m.Groups["keep"].Value + Redacted, 1);

    public static bool CarriesSecret(string? path) => path is not null && Pattern().IsMatch(path);

    /// <summary>Rewrites a request activity's URL tags when its path carries a secret.</summary>
    public static void RedactTags(Activity activity, string? path)
    {
        if (!CarriesSecret(path))
        {
            return;
        }

        activity.SetTag("url.path", Redact(path!));
        if (activity.GetTagItem("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var uri))
        {
            activity.SetTag("url.full", $"{uri.GetLeftPart(UriPartial.Authority)}{Redact(uri.AbsolutePath)}");
        }

        if (activity.GetTagItem("http.target") is string target)
        {
            activity.SetTag("http.target", Redact(target));
        }

        if (activity.DisplayName.Contains('/', StringComparison.Ordinal))
        {
            activity.DisplayName = Redact(activity.DisplayName);
        }
    }
}
