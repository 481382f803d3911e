using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Audits.AccessReviews;

public enum CampaignStatus
{
    Draft,
    Open,
    Closed,
    Cancelled,
}

/// <summary>
/// An access review campaign (rule 9): one system's accounts, reviewed by named members by a due date. Items are
/// loaded (from a CSV) while it is a draft; it opens for decisions; it closes only when every item is decided and
/// every revocation or modification is verified.
/// </summary>
public sealed class Campaign : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string System { get; set; }
    /// <summary>The system's name lower-cased: how the previous campaign of the same system is found.</summary>
    public string SystemKey { get; private set; } = "";
    public required string Title { get; set; }
    /// <summary>The reviewers' lower-cased e-mails (active members).</summary>
    public List<string> Reviewers { get; set; } = [];
    public DateOnly DueOn { get; set; }
    public CampaignStatus Status { get; set; }
    /// <summary>The latest earlier campaign of the same system, not cancelled, when the items were loaded.</summary>
    public Guid? PreviousCampaignId { get; set; }
    /// <summary>The number of items (set on import; items are never added one by one).</summary>
    public int ItemCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(string system) => system.Trim().ToLowerInvariant();

    public void Name(string system)
    {
        System = system.Trim();
        SystemKey = KeyOf(system);
    }

    public bool IsReviewer(string actorKey) => Reviewers.Contains(actorKey.Trim().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>Overdue: open past its due date (signal 4).</summary>
    public bool IsOverdue(DateOnly today) => Status == CampaignStatus.Open && DueOn < today;

    public string? Open(DateTimeOffset now)
    {
        if (Status != CampaignStatus.Draft)
        {
            return $"The campaign is {Status}; only a draft can be opened.";
        }

        if (ItemCount == 0)
        {
            return "Import the accounts to review before opening the campaign.";
        }

        if (Reviewers.Count == 0)
        {
            return "Name at least one reviewer before opening the campaign.";
        }

        Status = CampaignStatus.Open;
        OpenedAt = now;
        UpdatedAt = now;
        return null;
    }

    /// <summary>Closes the campaign when <paramref name="progress"/> says every item is decided and every change verified.</summary>
    public string? Close(CampaignProgress progress, string actor, DateTimeOffset now)
    {
        if (Status != CampaignStatus.Open)
        {
            return $"The campaign is {Status}; only an open campaign can be closed.";
        }

        if (progress.Undecided > 0)
        {
            return $"{progress.Undecided} item(s) are not decided yet.";
        }

        if (progress.Unverified > 0)
        {
            return $"{progress.Unverified} revocation(s) or modification(s) are not verified yet.";
        }

        Status = CampaignStatus.Closed;
        ClosedAt = now;
        ClosedBy = actor;
        UpdatedAt = now;
        return null;
    }

    public string? Cancel(DateTimeOffset now)
    {
        if (Status is not (CampaignStatus.Draft or CampaignStatus.Open))
        {
            return $"The campaign is {Status} and cannot be cancelled.";
        }

        Status = CampaignStatus.Cancelled;
        UpdatedAt = now;
        return null;
    }
}

/// <summary>A campaign's counts: items, decided (Keep, Revoke or Modify), revocations and modifications not yet verified.</summary>
public sealed record CampaignProgress(int Items, int Decided, int Unverified)
{
    public int Undecided => Items - Decided;

    /// <summary>Decided ÷ items; null for a campaign without items (rule 9, signal 4).</summary>
    public double? Completion => Items == 0 ? null : (double)Decided / Items;
}
