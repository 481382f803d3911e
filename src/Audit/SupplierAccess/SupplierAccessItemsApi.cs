using System.ComponentModel.DataAnnotations;
using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Access;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.SupplierAccess;

/// <summary>The system whose supplier access becomes a campaign's items; the campaign's own system when left out.</summary>
public sealed record ItemsFromSupplierAccessRequest([property: StringLength(200)] string? System = null);

/// <summary>
/// A draft campaign takes its items from the supplier access of a system (ADR 0021): every access supplier-api
/// announced for it that is current today (not removed, begun, not ended), one item per account, tagged New,
/// Unchanged or Changed against the previous campaign of the campaign's system exactly like CSV items.
/// </summary>
public static class SupplierAccessItemsApi
{
    public static IEndpointRouteBuilder MapSupplierAccessItemsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/audit/access-reviews/{id:guid}/items/from-supplier-access", TakeItems).WithTags("Access reviews")
            .RequireAuthorization(AuditPolicies.Manage).WithName("ReviewItemsFromSupplierAccess")
            .WithSummary("Loads a draft's accounts from the supplier access of a system (the campaign's by default).");
        return app;
    }

    public static async Task<Results<Ok<CampaignImportResult>, NotFound, ValidationProblem, ProblemHttpResult>> TakeItems(
        Guid id, ItemsFromSupplierAccessRequest? request, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return TypedResults.NotFound();
        }

        if (campaign.Status != CampaignStatus.Draft || campaign.ItemCount > 0)
        {
            return Refuse.Conflict("Accounts are taken once, into a draft campaign that has none yet.");
        }

        var system = string.IsNullOrWhiteSpace(request?.System) ? campaign.System : request.System.Trim();
        var systemKey = Campaign.KeyOf(system);
        var today = clock.Today();
        var access = await db.SupplierAccess.AsNoTracking().Where(a => a.SystemKey == systemKey).Where(SupplierAccount.CurrentOn(today))
            .ToListAsync(cancellationToken);
        if (access.Count == 0)
        {
            return Refuse.Field("system", $"No supplier has current access to '{system}'.");
        }

        // The same rule as the CSV import: the latest earlier campaign of the same system that was not cancelled and has items.
        var previousId = await db.Campaigns.AsNoTracking()
            .Where(c => c.SystemKey == campaign.SystemKey && c.Id != id && c.CreatedAt < campaign.CreatedAt && c.Status != CampaignStatus.Cancelled && c.ItemCount > 0)
            .OrderByDescending(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var previous = previousId is { } pid
            ? await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == pid).ToDictionaryAsync(i => i.AccountKey, StringComparer.Ordinal, cancellationToken)
            : null;

        // One item per account: when two access records name the same account, the one changed last stands.
        var items = access.GroupBy(a => a.Account.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.ChangedAt).ThenBy(a => a.AccessId).First())
            .OrderBy(a => a.Account, StringComparer.OrdinalIgnoreCase)
            .Select(a => ToItem(id, a, previous))
            .ToList();
        db.ReviewItems.AddRange(items);
        var now = clock.GetUtcNow();
        campaign.ItemCount = items.Count;
        campaign.PreviousCampaignId = previousId;
        campaign.UpdatedAt = now;
        db.AddEvent(CampaignsApi.Changed(db, campaign, now));
        await db.SaveChangesAsync(cancellationToken);

        var progress = await CampaignsApi.ProgressAsync(db, [id], cancellationToken);
        return TypedResults.Ok(new CampaignImportResult(items.Count, CampaignsApi.ToDto(campaign, progress.GetValueOrDefault(id), today)));
    }

    /// <summary>The review item of one supplier access: the person (or the account) with the supplier's name, so the reviewer sees whose it is.</summary>
    internal static ReviewItem ToItem(Guid campaignId, SupplierAccount a, Dictionary<string, ReviewItem>? previous)
    {
        var key = a.Account.ToLowerInvariant();
        var who = a.PersonName ?? a.Account;
        var user = $"{who} ({a.SupplierName})";
        return new ReviewItem
        {
            CampaignId = campaignId, UserName = user.Length <= 200 ? user : user[..200], Email = a.Email, Account = a.Account, AccountKey = key,
            Entitlements = a.Entitlements, Privileged = a.Privileged, LastLoginOn = a.LastLoginAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null,
            Change = previous is null ? null : ReviewItem.Compare(previous.GetValueOrDefault(key), a.Entitlements, a.Privileged),
        };
    }
}
