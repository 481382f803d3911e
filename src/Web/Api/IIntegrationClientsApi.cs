using Refit;

namespace IsmsCloud.Web.Api;

// Copies of identity-api's integration client contracts (decision 0012).

public sealed record IntegrationClientDto(string ClientId, string DisplayName, string Role, DateTimeOffset CreatedAt);

/// <summary>The only time the secret is seen: identity-api keeps its hash.</summary>
public sealed record CreatedIntegrationClientDto(string ClientId, string ClientSecret, string DisplayName, string Role, DateTimeOffset CreatedAt);

public sealed record CreateIntegrationClientRequest(string DisplayName, string Role);

public interface IIntegrationClientsApi
{
    [Get("/api/identity/clients")]
    Task<List<IntegrationClientDto>> ListClientsAsync(CancellationToken cancellationToken = default);

    [Post("/api/identity/clients")]
    Task<CreatedIntegrationClientDto> CreateClientAsync([Body] CreateIntegrationClientRequest request, CancellationToken cancellationToken = default);

    [Delete("/api/identity/clients/{clientId}")]
    Task DeleteClientAsync(string clientId, CancellationToken cancellationToken = default);
}
