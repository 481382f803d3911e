using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Apis;

/// <summary>Platform administration: onboarding, listing, suspending and reactivating tenants.</summary>
public static class AdminTenantsApi
{
    public static IEndpointRouteBuilder MapAdminTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/admin/tenants").WithTags("Platform admin").RequireAuthorization(IdentityPolicies.PlatformAdmin);
        api.MapGet("", ListTenants).WithName("ListTenants").WithSummary("Lists tenants, newest first.");
        api.MapGet("{id:guid}", GetTenant).WithName("GetTenant").WithSummary("Gets one tenant.");
        api.MapPost("", OnboardTenant).WithName("OnboardTenant").WithSummary("Creates a tenant and its first admin, and publishes TenantOnboarded.");
        api.MapPost("{id:guid}/suspend", SuspendTenant).WithName("SuspendTenant").WithSummary("Suspends a tenant: its tokens stop working everywhere.");
        api.MapPost("{id:guid}/reactivate", ReactivateTenant).WithName("ReactivateTenant").WithSummary("Reactivates a suspended tenant.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<TenantDto>>, ValidationProblem>> ListTenants(
        IdentityDbContext db, [AsParameters] PageRequest paging, CancellationToken cancellationToken, string? search = null)
    {
        var errors = paging.Validate(search);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(t => t.Slug.Contains(term) || t.Name.ToLower().Contains(term));
        }

        var page = await query.OrderByDescending(t => t.CreatedAt).ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(page.Select(TenantDto.From));
    }

    public static async Task<Results<Ok<TenantDto>, NotFound>> GetTenant(Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is null ? TypedResults.NotFound() : TypedResults.Ok(TenantDto.From(tenant));
    }

    public static async Task<Results<Created<OnboardedTenantDto>, ValidationProblem>> OnboardTenant(
        OnboardTenantRequest request, TenantOnboarding onboarding, CancellationToken cancellationToken)
    {
        var slug = request.Slug.Trim();
        if (!TenantOnboarding.SlugPattern().IsMatch(slug))
        {
            return SlugProblem("Use lower-case letters, digits and hyphens; start and end with a letter or digit.");
        }

        if (await onboarding.SlugTakenAsync(slug, cancellationToken))
        {
            return SlugProblem($"The slug '{slug}' is already taken.");
        }

        try
        {
            var result = await onboarding.OnboardAsync(request.Name.Trim(), slug, request.FirstAdminEmail.Trim(), null, cancellationToken);
            return TypedResults.Created($"/api/admin/tenants/{result.Tenant.Id}", new OnboardedTenantDto(TenantDto.From(result.Tenant), result.PasswordSetupLink));
        }
        catch (DbUpdateException)
        {
            // Two onboardings raced for the same slug; the unique index kept only one.
            return SlugProblem($"The slug '{slug}' is already taken.");
        }
    }

    public static async Task<Results<Ok<TenantDto>, NotFound>> SuspendTenant(
        Guid id, SuspendTenantRequest request, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return TypedResults.NotFound();
        }

        var now = clock.GetUtcNow();
        if (tenant.Suspend(request.Reason, now))
        {
            db.AddEvent(new TenantSuspended(tenant.Id, tenant.SuspensionReason!, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(TenantDto.From(tenant));
    }

    public static async Task<Results<Ok<TenantDto>, NotFound>> ReactivateTenant(
        Guid id, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return TypedResults.NotFound();
        }

        if (tenant.Reactivate())
        {
            db.AddEvent(new TenantReactivated(tenant.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(TenantDto.From(tenant));
    }

    private static ValidationProblem SlugProblem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = [message] });
}
