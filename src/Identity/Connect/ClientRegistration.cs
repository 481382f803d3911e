using IsmsCloud.Contracts;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IsmsCloud.Identity.Connect;

/// <summary>
/// Creates or updates the web workspace's OAuth client at start-up from configuration, so its redirect addresses
/// follow the environment (ports differ between a developer's run, the tests and production).
/// </summary>
public sealed class ClientRegistration(IOpenIddictApplicationManager applications, IConfiguration configuration)
{
    public async Task EnsureWebClientAsync(CancellationToken cancellationToken)
    {
        var web = configuration.GetSection("Identity:Clients:Web");
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = IsmsScopes.WebClientId,
            ClientSecret = web["Secret"] ?? throw new InvalidOperationException("Identity:Clients:Web:Secret is not configured."),
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "IsmsCloud web workspace",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + IsmsScopes.Api,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in web.GetSection("RedirectUris").Get<string[]>() ?? [])
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in web.GetSection("PostLogoutRedirectUris").Get<string[]>() ?? [])
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        var existing = await applications.FindByClientIdAsync(IsmsScopes.WebClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
