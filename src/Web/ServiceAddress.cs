namespace IsmsCloud.Web;

public static class ServiceAddress
{
    /// <summary>
    /// "http://{name}" when the AppHost referenced that resource (it then sets <c>services:{name}:…</c>), so service
    /// discovery resolves it; null otherwise. An explicit URL in configuration always wins over this.
    /// </summary>
    public static string? Referenced(IConfiguration configuration, string resourceName) =>
        configuration.GetSection($"services:{resourceName}").Exists() ? $"http://{resourceName}" : null;
}
