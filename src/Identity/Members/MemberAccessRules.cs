using IsmsCloud.Contracts;

namespace IsmsCloud.Identity.Members;

/// <summary>The rules of a membership's role and end date, for an invitation and a change alike.</summary>
public static class MemberAccessRules
{
    /// <summary>The longest a guest membership may run; a certification audit cycle is planned a year ahead at most.</summary>
    public static readonly TimeSpan LongestGuestAccess = TimeSpan.FromDays(366);

    public static Dictionary<string, string[]> Validate(string role, DateTimeOffset? accessEndsAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsmsRoles.IsTenantRole(role))
        {
            errors["role"] = [$"Choose one of: {string.Join(", ", IsmsRoles.TenantRoles)}."];
        }

        if (accessEndsAt is { } end)
        {
            if (role != IsmsRoles.Auditor)
            {
                errors["accessEndsAt"] = ["Only a guest auditor's access ends on a date: the role of a time-boxed membership is Auditor (read-only)."];
            }
            else if (end <= now)
            {
                errors["accessEndsAt"] = ["The end of access must be in the future."];
            }
            else if (end > now + LongestGuestAccess)
            {
                errors["accessEndsAt"] = ["A guest's access may run for at most a year; extend it later if the audit needs longer."];
            }
        }

        return errors;
    }
}
