using System.ComponentModel.DataAnnotations;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Access;
using IsmsCloud.Suppliers.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.SystemAccess;

public sealed record SaveSupplierAccessRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string System,
    [property: Required, StringLength(200, MinimumLength = 1)] string Account,
    [property: StringLength(200)] string? PersonName,
    [property: EmailAddress, StringLength(200)] string? Email,
    [property: StringLength(2000)] string? Entitlements,
    bool Privileged,
    DateOnly Since,
    DateOnly? Until,
    DateTimeOffset? LastLoginAt,
    // Ignored when adding; the version read when changing.
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record SupplierAccessDto(
    Guid Id, Guid SupplierId, string System, string Account, string? PersonName, string? Email, string Entitlements, bool Privileged,
    DateOnly Since, DateOnly? Until, DateTimeOffset? LastLoginAt, bool Active, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SupplierAccessDto From(SupplierAccess a, DateOnly today) => new(
        a.Id, a.SupplierId, a.System, a.Account, a.PersonName, a.Email, a.Entitlements, a.Privileged, a.Since, a.Until, a.LastLoginAt,
        a.ActiveOn(today), a.Version, a.CreatedAt, a.UpdatedAt);
}

/// <summary>A supplier's access to the tenant's systems: listed by every member, kept by the managers, each change announced.</summary>
public static class SupplierAccessApi
{
    public static IEndpointRouteBuilder MapSupplierAccessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/suppliers/{supplierId:guid}/access").WithTags("Supplier access").RequireAuthorization(IsmsPolicies.TenantMember);
        api.MapGet("", List).WithName("ListSupplierAccess").WithSummary("The supplier's accounts on the tenant's systems, privileged first.");
        api.MapPost("", Create).RequireAuthorization(SupplierPolicies.Manage).WithName("CreateSupplierAccess").WithSummary("Records an account of the supplier on a system.");
        api.MapPut("{id:guid}", Update).RequireAuthorization(SupplierPolicies.Manage).WithName("UpdateSupplierAccess").WithSummary("Changes an access record; carries the version read.");
        api.MapDelete("{id:guid}", Delete).RequireAuthorization(SupplierPolicies.Manage).WithName("DeleteSupplierAccess").WithSummary("Removes an access record.");
        return app;
    }

    public static async Task<Results<Ok<List<SupplierAccessDto>>, NotFound>> List(Guid supplierId, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Suppliers.AnyAsync(s => s.Id == supplierId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        var records = await db.SupplierAccess.AsNoTracking().Where(a => a.SupplierId == supplierId)
            .OrderByDescending(a => a.Privileged).ThenBy(a => a.System).ThenBy(a => a.Account).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(a => SupplierAccessDto.From(a, today)).ToList());
    }

    public static async Task<Results<Created<SupplierAccessDto>, NotFound, ValidationProblem>> Create(
        Guid supplierId, SaveSupplierAccessRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        if (supplier is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(request, clock.GetUtcNow()) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var access = new SupplierAccess { SupplierId = supplierId, System = "", Account = "", CreatedAt = now };
        Apply(access, request, now);
        db.SupplierAccess.Add(access);
        db.AddEvent(SupplierEventFacts.AccessChanged(db, access, supplier.LegalName, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/suppliers/{supplierId}/access/{access.Id}", SupplierAccessDto.From(access, clock.Today()));
    }

    public static async Task<Results<Ok<SupplierAccessDto>, NotFound, ValidationProblem>> Update(
        Guid supplierId, Guid id, SaveSupplierAccessRequest request, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        var access = supplier is null ? null : await db.SupplierAccess.FirstOrDefaultAsync(a => a.Id == id && a.SupplierId == supplierId, cancellationToken);
        if (supplier is null || access is null)
        {
            return TypedResults.NotFound();
        }

        if (Validate(request, clock.GetUtcNow()) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.ExpectVersion(access, (uint)request.Version);
        var now = clock.GetUtcNow();
        Apply(access, request, now);
        db.AddEvent(SupplierEventFacts.AccessChanged(db, access, supplier.LegalName, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SupplierAccessDto.From(access, clock.Today()));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid supplierId, Guid id, SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == supplierId, cancellationToken);
        var access = supplier is null ? null : await db.SupplierAccess.FirstOrDefaultAsync(a => a.Id == id && a.SupplierId == supplierId, cancellationToken);
        if (supplier is null || access is null)
        {
            return TypedResults.NotFound();
        }

        db.SupplierAccess.Remove(access);
        db.AddEvent(SupplierEventFacts.AccessChanged(db, access, supplier.LegalName, clock.GetUtcNow(), removed: true));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(SaveSupplierAccessRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.System))
        {
            errors["system"] = ["Name the system the access is to."];
        }

        if (string.IsNullOrWhiteSpace(request.Account))
        {
            errors["account"] = ["Name the account as the system knows it."];
        }

        if (request.Since == default)
        {
            errors["since"] = ["Give the first day of access."];
        }

        if (request.Until is { } until && until < request.Since)
        {
            errors["until"] = ["The last day of access cannot be before the first."];
        }

        if (request.LastLoginAt is { } login && login > now.AddMinutes(5))
        {
            errors["lastLoginAt"] = ["The last login cannot be in the future."];
        }

        return errors;
    }

    private static void Apply(SupplierAccess access, SaveSupplierAccessRequest request, DateTimeOffset now)
    {
        access.System = request.System.Trim();
        access.Account = request.Account.Trim();
        access.PersonName = string.IsNullOrWhiteSpace(request.PersonName) ? null : request.PersonName.Trim();
        access.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant();
        access.Entitlements = request.Entitlements?.Trim() ?? "";
        access.Privileged = request.Privileged;
        access.Since = request.Since;
        access.Until = request.Until;
        access.LastLoginAt = request.LastLoginAt?.ToUniversalTime();
        access.UpdatedAt = now;
    }
}
