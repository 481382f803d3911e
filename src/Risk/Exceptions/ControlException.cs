using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Access;

namespace IsmsCloud.Risk.Exceptions;

public enum ExceptionStatus
{
    Requested,
    Approved,
    Rejected,
    Expired,
    Closed,
}

/// <summary>
/// A granted departure from a control (rule 6): what it covers, why, what compensates, the risk it leaves, who asked
/// and who approved (never the same person), and until when. Renewals are counted from the first grant, so an
/// exception that keeps getting renewed shows up as what it is: permanent.
/// </summary>
public sealed class ControlException : ITenantOwned, IVersioned, IAudited
{
    public const int PermanentAfterRenewals = 2;
    public const int PermanentAfterDays = 365;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid ControlId { get; init; }
    public Guid RiskId { get; init; }
    public required string AffectedScope { get; set; }
    public required string Reason { get; set; }
    public required string CompensatingControls { get; set; }
    public required string RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The expiry the requester asked for; the approver may shorten it.</summary>
    public DateOnly RequestedExpiresOn { get; set; }

    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? GrantedAt { get; private set; }
    public DateTimeOffset? FirstGrantedAt { get; private set; }

    /// <summary>The last day the exception is valid (set when granted).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    public ExceptionStatus Status { get; private set; } = ExceptionStatus.Requested;
    public int RenewalCount { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Days since the first grant (0 before any grant).</summary>
    public int AgeDays(DateOnly today) =>
        FirstGrantedAt is { } first ? Math.Max(0, today.DayNumber - DateOnly.FromDateTime(first.UtcDateTime).DayNumber) : 0;

    /// <summary>
    /// Rule 6: renewed twice or more, or first granted more than 365 days before the day (its age in days exceeds 365).
    /// </summary>
    public static readonly DatedRule<ControlException> Permanent = new((e, today) =>
        e.RenewalCount >= PermanentAfterRenewals || (e.FirstGrantedAt != null && e.FirstGrantedAt < today.AddDays(-PermanentAfterDays).StartOfUtcDay()));

    /// <summary>Approved and past its last day: the expiry sweep ends it (rule 6).</summary>
    public static readonly DatedRule<ControlException> DueToExpire = new((e, today) =>
        e.Status == ExceptionStatus.Approved && e.ExpiresOn < today);

    public bool IsPermanent(DateOnly today) => Permanent.IsMetBy(this, today);

    public bool IsDueToExpire(DateOnly today) => DueToExpire.IsMetBy(this, today);

    public void Grant(string approver, DateOnly expiresOn, DateTimeOffset at, string? note)
    {
        ApprovedBy = approver;
        GrantedAt = at;
        FirstGrantedAt ??= at;
        ExpiresOn = expiresOn;
        Status = ExceptionStatus.Approved;
        DecisionNote = note;
        EndedAt = null;
    }

    /// <summary>A further period for an approved or expired exception; counts towards permanence.</summary>
    public void Renew(string approver, DateOnly expiresOn, DateTimeOffset at, string? note)
    {
        RenewalCount++;
        ApprovedBy = approver;
        GrantedAt = at;
        ExpiresOn = expiresOn;
        Status = ExceptionStatus.Approved;
        DecisionNote = note;
        EndedAt = null;
    }

    public void Reject(string approver, DateTimeOffset at, string? note)
    {
        ApprovedBy = approver;
        Status = ExceptionStatus.Rejected;
        DecisionNote = note;
        EndedAt = at;
    }

    public void Expire(DateTimeOffset at)
    {
        Status = ExceptionStatus.Expired;
        EndedAt = at;
    }

    public void Close(DateTimeOffset at, string? note)
    {
        Status = ExceptionStatus.Closed;
        DecisionNote = note ?? DecisionNote;
        EndedAt = at;
    }

    /// <summary>Rule 6 on a grant or renewal: the approver is not the requester and the expiry is within the tenant's maximum.</summary>
    public RuleCheck CheckGrant(Actor approver, DateOnly expiresOn, DateOnly today, int maxDays, bool renewal)
    {
        var check = new RuleCheck();
        if (!approver.CanApprove)
        {
            check.Forbid("Only an Approver or a TenantAdmin can grant an exception.");
        }
        else if (approver.Is(RequestedBy))
        {
            check.Forbid("The requester cannot approve their own exception (segregation of duties, A.5.3).");
        }

        var allowed = renewal
            ? Status is ExceptionStatus.Approved or ExceptionStatus.Expired
            : Status == ExceptionStatus.Requested;
        if (!allowed)
        {
            check.Invalid("status", renewal
                ? $"Only an approved or expired exception can be renewed; this one is {Status}."
                : $"Only a requested exception can be decided; this one is {Status}.");
        }

        var latest = today.AddDays(maxDays);
        if (expiresOn <= today)
        {
            check.Invalid("expiresOn", "The expiry must be in the future.");
        }
        else if (expiresOn > latest)
        {
            check.Invalid("expiresOn", $"An exception may last at most {maxDays} days (until {latest:yyyy-MM-dd}).");
        }

        return check;
    }

    public RuleCheck CheckReject(Actor approver)
    {
        var check = new RuleCheck();
        if (approver.Is(RequestedBy))
        {
            check.Forbid("The requester cannot decide their own exception.");
        }

        if (Status != ExceptionStatus.Requested)
        {
            check.Invalid("status", $"Only a requested exception can be rejected; this one is {Status}.");
        }

        return check;
    }

    public RuleCheck CheckClose(Actor actor)
    {
        var check = new RuleCheck();
        if (!actor.IsManager && !actor.Is(RequestedBy))
        {
            check.Forbid("Only the requester or an ISMS manager can close an exception.");
        }

        if (Status is not (ExceptionStatus.Approved or ExceptionStatus.Expired or ExceptionStatus.Requested))
        {
            check.Invalid("status", $"The exception is already {Status}.");
        }

        return check;
    }
}
