using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using IsmsCloud.BuildingBlocks.TenantData;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

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
        api.MapPost("{id:guid}/reactivate", ReactivateTenant).WithName("ReactivateTenant").WithSummary("Reactivates a suspended tenant (not one scheduled for deletion).");
        api.MapGet("{id:guid}/deletion", GetDeletion).WithName("GetTenantDeletion").WithSummary("Where the tenant's deletion stands, with each service's erasure receipt.");
        api.MapPost("{id:guid}/deletion", ScheduleDeletion).WithName("ScheduleTenantDeletion")
            .WithSummary("Suspends the tenant now and erases its data everywhere after the grace period (30 days by default).");
        api.MapDelete("{id:guid}/deletion", CancelDeletion).WithName("CancelTenantDeletion")
            .WithSummary("Cancels a scheduled deletion during the grace period; the tenant stays suspended until reactivated.");
        api.MapGet("{id:guid}/export", ExportTenant).WithName("ExportTenantIdentityData")
            .WithSummary("identity-api's part of the tenant's export: the tenant, its members (no credentials), invitations, integration clients, receipts.");
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

    public static async Task<Results<Ok<TenantDto>, NotFound, ProblemHttpResult>> ReactivateTenant(
        Guid id, IdentityDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return TypedResults.NotFound();
        }

        if (tenant.DeletionDueAt is not null || tenant.DeletedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: tenant.DeletedAt is null ? "The tenant is scheduled for deletion: cancel the deletion first." : "The tenant was deleted.");
        }

        if (tenant.Reactivate())
        {
            db.AddEvent(new TenantReactivated(tenant.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(TenantDto.From(tenant));
    }

    public static async Task<Results<Ok<TenantDeletionDto>, NotFound>> GetDeletion(Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tenant is null ? TypedResults.NotFound() : TypedResults.Ok(await DeletionDtoAsync(db, tenant, cancellationToken));
    }

    public static async Task<Results<Ok<TenantDeletionDto>, NotFound, ValidationProblem, ProblemHttpResult>> ScheduleDeletion(
        Guid id, ScheduleTenantDeletionRequest request, IdentityDbContext db, TimeProvider clock, IOptions<TenantDeletionOptions> options,
        CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return TypedResults.NotFound();
        }

        if (!string.Equals(request.ConfirmSlug.Trim(), tenant.Slug, StringComparison.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["confirmSlug"] = [$"Type the tenant's slug ({tenant.Slug}) to confirm."] });
        }

        var now = clock.GetUtcNow();
        var wasActive = tenant.Status == TenantStatus.Active;
        if (!tenant.ScheduleDeletion(now, options.Value.Grace))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: tenant.DeletedAt is null ? "The tenant's deletion is already scheduled." : "The tenant was deleted.");
        }

        if (wasActive)
        {
            db.AddEvent(new TenantSuspended(tenant.Id, tenant.SuspensionReason!, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DeletionDtoAsync(db, tenant, cancellationToken));
    }

    public static async Task<Results<Ok<TenantDeletionDto>, NotFound, ProblemHttpResult>> CancelDeletion(
        Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return TypedResults.NotFound();
        }

        if (tenant.DeletedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "The tenant was deleted; its data is gone.");
        }

        if (tenant.CancelDeletion())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await DeletionDtoAsync(db, tenant, cancellationToken));
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> ExportTenant(Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        string Q(string name) => sql.DelimitIdentifier(name);
        // Found through another table: the tenant's own row, and its members' accounts without any credential.
        IReadOnlyList<(string, string)> extra =
        [
            ("Tenants", $"SELECT {Q("Id")}, {Q("Name")}, {Q("Slug")}, {Q("Status")}, {Q("FirstAdminEmail")}, {Q("CreatedAt")}, {Q("SuspendedAt")}, {Q("SuspensionReason")}, {Q("DeletionRequestedAt")}, {Q("DeletionDueAt")} FROM {Q("Tenants")} WHERE {Q("Id")} = @tenant"),
            ("Users", $"SELECT u.{Q("Id")}, u.{Q("Email")}, u.{Q("DisplayName")}, u.{Q("CreatedAt")} FROM {Q("AspNetUsers")} u JOIN {Q("Memberships")} m ON m.{Q("UserId")} = u.{Q("Id")} WHERE m.{Q("TenantId")} = @tenant"),
        ];
        return await TenantDataExport.DownloadAsync(db, "identity", id, cancellationToken, extra);
    }

    private static async Task<TenantDeletionDto> DeletionDtoAsync(IdentityDbContext db, Tenant tenant, CancellationToken cancellationToken)
    {
        var receipts = await db.TenantErasureReceipts.AsNoTracking().Where(r => r.TenantId == tenant.Id).OrderBy(r => r.Service)
            .Select(r => new ErasureReceiptDto(r.Service, r.Rows, r.ErasedAt)).ToListAsync(cancellationToken);
        return new TenantDeletionDto(tenant.Id, tenant.DeletionRequestedAt, tenant.DeletionDueAt, tenant.DeletedAt, receipts);
    }

    private static ValidationProblem SlugProblem(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = [message] });
}
