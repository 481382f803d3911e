namespace IsmsCloud.Gateway;

/// <summary>Names this assembly for WebApplicationFactory in tests (the top-level Program is internal).</summary>
public sealed class GatewayEntryPoint;
