using System.Text.RegularExpressions;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Contracts;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Identity.Tenants;

public sealed record OnboardingResult(Tenant Tenant, ApplicationUser FirstAdmin, string? PasswordSetupLink);

/// <summary>
/// Creates a tenant, its first admin (a new user without a password, or an existing user who gains the membership)
/// and the TenantOnboarded event, all in one transaction; then makes the one-time link for setting the password.
/// There is no mail server: the link is logged, and returned to the caller where configuration allows (development).
/// </summary>
public sealed partial class TenantOnboarding(
    IdentityDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<TenantOnboarding> logger)
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    public static partial Regex SlugPattern();

    public Task<bool> SlugTakenAsync(string slug, CancellationToken cancellationToken) =>
        db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken);

    public async Task<OnboardingResult> OnboardAsync(string name, string slug, string firstAdminEmail, string? firstAdminPassword, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var tenant = new Tenant { Name = name, Slug = slug, FirstAdminEmail = firstAdminEmail, CreatedAt = now };
        db.Tenants.Add(tenant);

        var admin = await users.FindByEmailAsync(firstAdminEmail);
        if (admin is null)
        {
            admin = new ApplicationUser { UserName = firstAdminEmail, Email = firstAdminEmail, EmailConfirmed = true, DisplayName = firstAdminEmail, CreatedAt = now };
            var created = firstAdminPassword is null ? await users.CreateAsync(admin) : await users.CreateAsync(admin, firstAdminPassword);
            EnsureSucceeded(created);
        }

        MemberJoin.Add(db, tenant.Id, admin, IsmsRoles.TenantAdmin, null, now);
        db.AddEvent(new TenantOnboarded(tenant.Id, tenant.Name, tenant.Slug, firstAdminEmail, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        string? link = null;
        if (!await users.HasPasswordAsync(admin))
        {
            link = await PasswordSetupLinkAsync(admin);
            logger.LogWarning("One-time link for {Email} to set a password for tenant {Slug}: {Link}", firstAdminEmail, slug, link);
        }

        return new OnboardingResult(tenant, admin, configuration.GetValue<bool>("Identity:ReturnInvitationLinks") ? link : null);
    }

    public async Task<string> PasswordSetupLinkAsync(ApplicationUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var issuer = configuration["Identity:Issuer"]?.TrimEnd('/') ?? "";
        return $"{issuer}/identity/account/set-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
