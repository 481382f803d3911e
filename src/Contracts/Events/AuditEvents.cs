namespace IsmsCloud.Contracts.Events;

/// <summary>The kind of an audit; certification bodies run all but <see cref="Internal"/>.</summary>
public enum AuditKind
{
    Internal,
    Certification,
    Surveillance,
    Recertification,
}

/// <summary>
/// An audit started (its actual start date was recorded). Audit-centric governance reads <see cref="StartedOn"/>.
/// <see cref="Version"/> is the audit's version after the change.
/// </summary>
public sealed record AuditStarted(
    Guid TenantId,
    Guid AuditId,
    string Title,
    AuditKind Kind,
    string? CertificationBody,
    DateOnly StartedOn,
    DateTimeOffset StartedAt,
    long Version) : ITenantEvent;

/// <summary>
/// An audit was completed. Published by audit-api; trust-api consumes it to warn when no surveillance audit was
/// recorded in the last 12 months. <see cref="StartedOn"/> and <see cref="Version"/> were added later (null and 0 in
/// messages from before).
/// </summary>
public sealed record AuditCompleted(
    Guid TenantId,
    Guid AuditId,
    string Title,
    AuditKind Kind,
    string? CertificationBody,
    DateOnly CompletedOn,
    DateTimeOffset CompletedAt,
    DateOnly? StartedOn = null,
    long Version = 0) : ITenantEvent;

/// <summary>
/// A finding was raised in an audit (rule 8). <see cref="Reference"/> is normalised (a clause such as 9.2.1 or a
/// control such as A.8.8, compared exactly); <see cref="Recurring"/> is audit-api's recurrence as of raising.
/// <see cref="ControlId"/> is set when the reference is a control risk-api announced.
/// </summary>
public sealed record FindingRaised(
    Guid TenantId,
    Guid FindingId,
    Guid AuditId,
    string Kind,
    string Reference,
    Guid? ControlId,
    string Status,
    DateOnly RaisedOn,
    bool Recurring,
    DateTimeOffset RaisedAt,
    long Version) : ITenantEvent;

/// <summary>A finding changed: its kind, reference, status (Open, Closed, Withdrawn) or analysis. The whole current state.</summary>
public sealed record FindingChanged(
    Guid TenantId,
    Guid FindingId,
    Guid AuditId,
    string Kind,
    string Reference,
    Guid? ControlId,
    string Status,
    DateOnly RaisedOn,
    bool Recurring,
    DateTimeOffset ChangedAt,
    long Version) : ITenantEvent;

/// <summary>
/// A corrective action (clause 10.2) was added or changed: its owner, due date, status, closure and effectiveness
/// check. Signal 9 derives open and overdue from <see cref="Status"/> and <see cref="DueOn"/>.
/// </summary>
public sealed record CorrectiveActionChanged(
    Guid TenantId,
    Guid ActionId,
    Guid FindingId,
    string Title,
    string Owner,
    DateOnly DueOn,
    string Status,
    bool IsOpen,
    DateOnly? ClosedOn,
    DateOnly? EffectivenessCheckDueOn,
    string? Effectiveness,
    DateTimeOffset ChangedAt,
    long Version) : ITenantEvent;

/// <summary>
/// An access review campaign was created or changed (rule 9): its status (Draft, Open, Closed, Cancelled), due date and
/// the number of items it holds. Items' decisions travel in <see cref="AccessReviewItemChanged"/>.
/// <see cref="Reviewers"/> (lower-case emails) and <see cref="Title"/> were added later (null in messages from before).
/// </summary>
public sealed record AccessReviewChanged(
    Guid TenantId,
    Guid CampaignId,
    string System,
    string Status,
    DateOnly DueOn,
    int Items,
    DateTimeOffset ChangedAt,
    long Version,
    IReadOnlyList<string>? Reviewers = null,
    string? Title = null) : ITenantEvent;

/// <summary>
/// One access review item was decided (Keep, Revoke, Modify) or its change verified. <see cref="Verified"/> matters
/// only for Revoke and Modify (signal 4's unverified revocations).
/// </summary>
public sealed record AccessReviewItemChanged(
    Guid TenantId,
    Guid ItemId,
    Guid CampaignId,
    string? Decision,
    bool Verified,
    DateTimeOffset ChangedAt,
    long Version) : ITenantEvent;
