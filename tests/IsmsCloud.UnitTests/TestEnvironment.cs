using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.UnitTests;

/// <summary>A host environment of the given name, for rules that differ between Development and Production.</summary>
internal sealed class TestEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "test";
    public string ContentRootPath { get; set; } = "/";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
