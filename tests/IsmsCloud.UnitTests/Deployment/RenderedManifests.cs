using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace IsmsCloud.UnitTests.Deployment;

/// <summary>
/// An overlay of infra/k8s rendered by <c>kubectl kustomize</c> (offline: no cluster is needed) and parsed into
/// YAML nodes. A machine without kubectl fails the tests that use it, loudly: CI machines have it, and a test that
/// passed without rendering anything would prove nothing.
/// </summary>
public sealed class RenderedManifests
{
    private static readonly ConcurrentDictionary<string, Lazy<RenderedManifests>> Cache = new();

    private RenderedManifests(IReadOnlyList<YamlMappingNode> resources) => Resources = resources;

    public IReadOnlyList<YamlMappingNode> Resources { get; }

    public static RenderedManifests Of(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<RenderedManifests>(() => Render(name))).Value;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Resources.Where(r => r.Text("kind") == kind);

    public static string RepoRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ISMS_REPO_ROOT") is { Length: > 0 } fromScript
                && File.Exists(Path.Combine(fromScript, "IsmsCloud.sln")))
            {
                return fromScript;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IsmsCloud.sln")) && Directory.Exists(Path.Combine(dir.FullName, "infra", "k8s")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No IsmsCloud.sln with infra/k8s beside it above {AppContext.BaseDirectory}.");
        }
    }

    private static RenderedManifests Render(string overlay)
    {
        var directory = Path.Combine(RepoRoot, "infra", "k8s", "overlays", overlay);
        var kubectl = FindKubectl();
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{kubectl} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {error.Result}");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        var resources = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        return resources.Count > 0 ? new RenderedManifests(resources) : throw new InvalidOperationException($"kubectl kustomize {directory} rendered nothing.");
    }

    private static string FindKubectl()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl")));
        candidates.Add("/usr/bin/kubectl");
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "kubectl is not installed (looked in $KUBECTL, $PATH and /usr/bin): these tests render infra/k8s with `kubectl kustomize` " +
                "(kubectl 1.32+, no cluster needed) and cannot check the manifests without it. Install kubectl; do not skip them.");
    }
}

/// <summary>Small readers over YamlDotNet's node model, for manifests.</summary>
public static class YamlNodes
{
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlMappingNode> Items(this YamlNode? node, params string[] path) =>
        (node.At(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    public static IEnumerable<string> Keys(this YamlNode? node, params string[] path) =>
        (node.At(path) as YamlMappingNode)?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) ?? [];

    public static string Name(this YamlNode resource) => resource.Text("metadata", "name") ?? "(unnamed)";
}
