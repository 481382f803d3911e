using System.Globalization;
using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.Audits.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.AccessReviews;

/// <summary>
/// A campaign's accounts from CSV: user and account required; email, entitlements (separated by ';'), privileged (yes/no)
/// and last_login (yyyy-MM-dd) optional. Each account is tagged New, Unchanged or Changed against the previous campaign
/// of the same system. An account may appear once per file.
/// </summary>
internal sealed class ReviewItemImport(Guid campaignId, Dictionary<string, ReviewItem>? previous) : ICsvRowImporter<AuditDbContext, ReviewItem>
{
    public static readonly string[] Required = ["user", "account"];
    public static readonly string[] Columns = ["user", "email", "account", "entitlements", "privileged", "last_login"];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<string> RequiredColumns => Required;

    /// <summary>The previous campaign's items by account key (read once per file), or null when there is no previous campaign.</summary>
    public static async Task<Dictionary<string, ReviewItem>?> PreviousItemsAsync(AuditDbContext db, Guid? previousCampaignId, CancellationToken cancellationToken) =>
        previousCampaignId is not { } id ? null
            : await db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == id).ToDictionaryAsync(i => i.AccountKey, StringComparer.Ordinal, cancellationToken);

    public ReviewItem? Check(RowErrors row, Dictionary<string, string> f)
    {
        var user = row.Text(f, "user", 200, required: true);
        var account = row.Text(f, "account", 200, required: true);
        var email = row.Text(f, "email", 200, required: false).ToLowerInvariant();
        if (email.Length > 0 && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            row.Add("email", "Must be an e-mail address.");
        }

        var entitlements = row.Text(f, "entitlements", 2000, required: false);
        var privileged = row.Bool(f, "privileged", false);
        DateOnly? lastLogin = null;
        var rawLogin = f.GetValueOrDefault("last_login", "").Trim();
        if (rawLogin.Length > 0)
        {
            if (DateOnly.TryParseExact(rawLogin, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                lastLogin = day;
            }
            else if (DateTimeOffset.TryParse(rawLogin, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                lastLogin = DateOnly.FromDateTime(at.UtcDateTime);
            }
            else
            {
                row.Add("last_login", "Must be a date (yyyy-MM-dd).");
            }
        }

        var key = account.ToLowerInvariant();
        if (key.Length > 0 && !_seen.Add(key))
        {
            row.Add("account", $"The account '{account}' is listed twice.");
        }

        if (row.HasErrors)
        {
            return null;
        }

        return new ReviewItem
        {
            CampaignId = campaignId, UserName = user, Email = email.Length == 0 ? null : email, Account = account, AccountKey = key,
            Entitlements = entitlements, Privileged = privileged, LastLoginOn = lastLogin,
            Change = previous is null ? null : ReviewItem.Compare(previous.GetValueOrDefault(key), entitlements, privileged),
        };
    }

    public void Add(AuditDbContext db, ReviewItem record) => db.ReviewItems.Add(record);
}
