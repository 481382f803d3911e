using System.Text.Json;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.Reporting.ManagementReviews;

#pragma warning disable CA1720 // "Signed" is the status's name in clause 9.3's sense, not a type
public enum ManagementReviewStatus
{
    Planned,
    InProgress,
    Signed,
}
#pragma warning restore CA1720

public enum DecisionKind
{
    PriorityChange,
    Resources,
    RiskAcceptance,
    Objectives,
    Improvement,
}

public enum DecisionLinkType
{
    Risk,
    Control,
    Supplier,
}

/// <summary>A person on the record, frozen as they were named when the review was planned or changed.</summary>
public sealed record Person(string Email, string Name);

public sealed record DecisionLink(DecisionLinkType Type, Guid Id, string Label);

/// <summary>A treatment action a decision asks risk-api to create; <see cref="RequestId"/> becomes the action's id.</summary>
public sealed record ActionRequest(Guid RequestId, Guid RiskId, string RiskTitle, string Title, string Owner, DateOnly DueOn);

/// <summary>
/// A management review (clause 9.3, rule 10): planned with its date, chair and attendees, filled with the inputs a
/// system cannot know, decided, and signed by the chair, which freezes it (<see cref="ManagementReviewSnapshot"/>).
/// The figures are never stored here: until sign-off they are assembled from the facts as of <see cref="ReviewDate"/>.
/// </summary>
public sealed class ManagementReview : ITenantOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Title { get; set; }
    public DateOnly ReviewDate { get; set; }
    public required string Chair { get; set; }
    public required string ChairName { get; set; }

    /// <summary>The attendees as JSON (a list of <see cref="Person"/>).</summary>
    public string AttendeesJson { get; set; } = "[]";

    public string? IssueChanges { get; set; }
    public string? InterestedPartiesFeedback { get; set; }
    public string? ImprovementOpportunities { get; set; }
    public ManagementReviewStatus Status { get; set; } = ManagementReviewStatus.Planned;
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? SignedBy { get; set; }
    public string? SnapshotSha256 { get; set; }

    public IReadOnlyList<Person> Attendees
    {
        get => JsonSerializer.Deserialize<List<Person>>(AttendeesJson, ReviewSnapshotHash.Json) ?? [];
        set => AttendeesJson = JsonSerializer.Serialize(value, ReviewSnapshotHash.Json);
    }

    public bool IsSigned => Status == ManagementReviewStatus.Signed;
}

/// <summary>A decision of a review, linked to the risks, controls or suppliers it changes, perhaps requesting treatment actions.</summary>
public sealed class ManagementReviewDecision : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ReviewId { get; init; }
    public DecisionKind Kind { get; set; }
    public required string Summary { get; set; }
    public string LinksJson { get; set; } = "[]";
    public string ActionsJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<DecisionLink> Links
    {
        get => JsonSerializer.Deserialize<List<DecisionLink>>(LinksJson, ReviewSnapshotHash.Json) ?? [];
        set => LinksJson = JsonSerializer.Serialize(value, ReviewSnapshotHash.Json);
    }

    public IReadOnlyList<ActionRequest> Actions
    {
        get => JsonSerializer.Deserialize<List<ActionRequest>>(ActionsJson, ReviewSnapshotHash.Json) ?? [];
        set => ActionsJson = JsonSerializer.Serialize(value, ReviewSnapshotHash.Json);
    }
}

/// <summary>
/// What the chair signed: the review, its inputs as of its date, its decisions and the audit-trail heads, as canonical
/// JSON (RFC 8785) with its SHA-256. Written once at sign-off and never changed (the DbContext refuses it).
/// </summary>
public sealed class ManagementReviewSnapshot : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public Guid ReviewId { get; init; }
    public required string Content { get; init; }
    public required string Sha256 { get; init; }
    public DateTimeOffset SignedAt { get; init; }
}

internal sealed class ManagementReviewConfiguration : IEntityTypeConfiguration<ManagementReview>
{
    public void Configure(EntityTypeBuilder<ManagementReview> builder)
    {
        builder.ToTable("ManagementReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Ignore(r => r.Attendees);
        builder.Ignore(r => r.IsSigned);
        builder.Property(r => r.Title).HasMaxLength(ManagementReviewRules.MaxTitle);
        builder.Property(r => r.Chair).HasMaxLength(320);
        builder.Property(r => r.ChairName).HasMaxLength(200);
        builder.Property(r => r.IssueChanges).HasMaxLength(ManagementReviewRules.MaxText);
        builder.Property(r => r.InterestedPartiesFeedback).HasMaxLength(ManagementReviewRules.MaxText);
        builder.Property(r => r.ImprovementOpportunities).HasMaxLength(ManagementReviewRules.MaxText);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CreatedBy).HasMaxLength(320);
        builder.Property(r => r.SignedBy).HasMaxLength(320);
        builder.Property(r => r.SnapshotSha256).HasMaxLength(64);
        builder.HasIndex(nameof(ManagementReview.TenantId), nameof(ManagementReview.ReviewDate));
    }
}

internal sealed class ManagementReviewDecisionConfiguration : IEntityTypeConfiguration<ManagementReviewDecision>
{
    public void Configure(EntityTypeBuilder<ManagementReviewDecision> builder)
    {
        builder.ToTable("ManagementReviewDecisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Ignore(d => d.Links);
        builder.Ignore(d => d.Actions);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Summary).HasMaxLength(ManagementReviewRules.MaxText);
        builder.HasIndex(nameof(ManagementReviewDecision.TenantId), nameof(ManagementReviewDecision.ReviewId));
    }
}

internal sealed class ManagementReviewSnapshotConfiguration : IEntityTypeConfiguration<ManagementReviewSnapshot>
{
    public void Configure(EntityTypeBuilder<ManagementReviewSnapshot> builder)
    {
        builder.ToTable("ManagementReviewSnapshots");
        builder.HasKey(s => new { s.TenantId, s.ReviewId });
        builder.Property(s => s.Sha256).HasMaxLength(64).IsFixedLength();
    }
}
