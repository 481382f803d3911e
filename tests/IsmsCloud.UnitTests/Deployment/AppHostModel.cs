using System.Reflection;
using System.Text.RegularExpressions;
using IsmsCloud.Contracts;

namespace IsmsCloud.UnitTests.Deployment;

/// <summary>
/// What the AppHost runs, read from IsmsCloud.AppHost/Program.cs: every <c>AddProject&lt;Projects.X&gt;(Resources.Y)</c>
/// and, from the same statement, the database it gets through <c>WithServers(servers, Resources.Z)</c> (with the
/// broker) or <c>WithDatabase(servers, Resources.Z)</c> (without). The constants
/// are resolved through <see cref="Resources"/>, so the names are the ones the services and Kubernetes use.
/// </summary>
public static partial class AppHostModel
{
    public sealed record Project(string Resource, string? Database, bool UsesBroker);

    public static IReadOnlyList<Project> Projects { get; } = Read();

    private static List<Project> Read()
    {
        var program = File.ReadAllText(Path.Combine(RenderedManifests.RepoRoot, "IsmsCloud.AppHost", "Program.cs"));
        var projects = new List<Project>();
        foreach (var statement in program.Split(';'))
        {
            if (AddProject().Match(statement) is not { Success: true } project)
            {
                continue;
            }

            var database = WithServers().Match(statement);
            projects.Add(new Project(
                Constant(project.Groups[1].Value),
                database.Success ? Constant(database.Groups[2].Value) : null,
                UsesBroker: database.Success && database.Groups[1].Value == "WithServers"));
        }

        return projects.Count > 0 ? projects : throw new InvalidOperationException("No AddProject<Projects.X>(Resources.Y) found in IsmsCloud.AppHost/Program.cs.");
    }

    private static string Constant(string name) =>
        typeof(Resources).GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"Resources.{name} is not a string constant.");

    [GeneratedRegex(@"AddProject<Projects\.\w+>\(\s*Resources\.(\w+)\s*\)")]
    private static partial Regex AddProject();

    [GeneratedRegex(@"(WithServers|WithDatabase)\(\s*\w+\s*,\s*Resources\.(\w+)\s*\)")]
    private static partial Regex WithServers();
}
