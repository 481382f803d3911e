using System.Security.Claims;
using System.Security.Cryptography;
using IsmsCloud.Contracts;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IsmsCloud.Identity.Apis;

/// <summary>
/// Client-credentials clients a tenant admin creates for integrations. Every query is scoped to the caller's tenant:
/// another tenant's client ids answer 404.
/// </summary>
public static class IntegrationClientsApi
{
    public static IEndpointRouteBuilder MapIntegrationClientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/identity/clients").WithTags("Integration clients").RequireAuthorization(IdentityPolicies.TenantAdmin)
            .AddEndpointFilter<ActiveMemberFilter>();
        api.MapGet("", ListClients).WithName("ListIntegrationClients").WithSummary("Lists the tenant's integration clients (never their secrets).");
        api.MapPost("", CreateClient).WithName("CreateIntegrationClient").WithSummary("Creates a client; its secret is shown once, in this response.");
        api.MapDelete("{clientId}", DeleteClient).WithName("DeleteIntegrationClient").WithSummary("Deletes a client; it can no longer obtain tokens.");
        return app;
    }

    public static async Task<Ok<List<IntegrationClientDto>>> ListClients(ClaimsPrincipal user, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var clients = await db.IntegrationClients.AsNoTracking()
            .Where(c => c.TenantId == tenantId)
            .OrderBy(c => c.DisplayName)
            .Select(c => new IntegrationClientDto(c.ClientId, c.DisplayName, c.Role, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(clients);
    }

    public static async Task<Results<Created<CreatedIntegrationClientDto>, ValidationProblem>> CreateClient(
        CreateIntegrationClientRequest request, ClaimsPrincipal user, IdentityDbContext db,
        IOpenIddictApplicationManager applications, TimeProvider clock, CancellationToken cancellationToken)
    {
        // An integration never administers the tenant: it may read, or act in one working role.
        if (!IsmsRoles.IsTenantRole(request.Role) || request.Role == IsmsRoles.TenantAdmin)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"Choose one of: {string.Join(", ", IsmsRoles.TenantRoles.Where(r => r != IsmsRoles.TenantAdmin))}."],
            });
        }

        var tenantId = user.TenantId()!.Value;
        var clientId = $"int-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = request.DisplayName,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + IsmsScopes.Api,
            },
        }, cancellationToken);
        db.IntegrationClients.Add(new IntegrationClient
        {
            TenantId = tenantId,
            ClientId = clientId,
            DisplayName = request.DisplayName.Trim(),
            Role = request.Role,
            CreatedBy = user.UserId() ?? Guid.Empty,
            CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Created($"/api/identity/clients/{clientId}",
            new CreatedIntegrationClientDto(clientId, secret, request.DisplayName.Trim(), request.Role, now));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteClient(
        string clientId, ClaimsPrincipal user, IdentityDbContext db, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var client = await db.IntegrationClients.FirstOrDefaultAsync(c => c.ClientId == clientId && c.TenantId == tenantId, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
        {
            await applications.DeleteAsync(application, cancellationToken);
        }

        db.IntegrationClients.Remove(client);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
