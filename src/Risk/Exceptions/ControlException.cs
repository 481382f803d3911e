using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.History;

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
public sealed class ControlException : ITenantOwned, IVersioned, IHasHistory
{
    public const int PermanentAfterRenewals = 2;
    public const int PermanentAfterDays = 365;

    public Guid Id { get; init; } = Guid.CreateVersion7();
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

    /// <summary>Rule 6: renewed twice or more, or older than 365 days since the first grant.</summary>
    public bool IsPermanent(DateOnly today) =>
        RenewalCount >= PermanentAfterRenewals || AgeDays(today) > PermanentAfterDays;

    public bool IsDueToExpire(DateOnly today) => Status == ExceptionStatus.Approved && ExpiresOn is { } expiry && today > expiry;

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
}

/// <summary>Rule 6's checks on a grant or renewal, field by field (empty when allowed).</summary>
public static class ExceptionRules
{
    public static Dictionary<string, string[]> CheckGrant(ControlException exception, Access.Actor approver, DateOnly expiresOn, DateOnly today, int maxDays, bool renewal)
    {
        var errors = new Dictionary<string, string[]>();
        var allowed = renewal
            ? exception.Status is ExceptionStatus.Approved or ExceptionStatus.Expired
            : exception.Status == ExceptionStatus.Requested;
        if (!allowed)
        {
            errors["status"] = [renewal
                ? $"Only an approved or expired exception can be renewed; this one is {exception.Status}."
                : $"Only a requested exception can be decided; this one is {exception.Status}."];
        }

        if (!approver.CanApprove)
        {
            errors["approver"] = ["Only an Approver or a TenantAdmin can grant an exception."];
        }
        else if (approver.Is(exception.RequestedBy))
        {
            errors["approver"] = ["The requester cannot approve their own exception (segregation of duties, A.5.3)."];
        }

        var latest = today.AddDays(maxDays);
        if (expiresOn <= today)
        {
            errors["expiresOn"] = ["The expiry must be in the future."];
        }
        else if (expiresOn > latest)
        {
            errors["expiresOn"] = [$"An exception may last at most {maxDays} days (until {latest:yyyy-MM-dd})."];
        }

        return errors;
    }
}
