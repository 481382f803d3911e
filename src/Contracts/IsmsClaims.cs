namespace IsmsCloud.Contracts;

/// <summary>Claim types every service reads from an access token.</summary>
public static class IsmsClaims
{
    public const string TenantId = "tenant_id";
    public const string TenantName = "tenant_name";
    public const string TenantSlug = "tenant_slug";
    public const string Role = "role";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    /// <summary>The membership revision the token was issued for (see IMemberEvent.Revision): older than the service's member directory means stale.</summary>
    public const string MembershipRevision = "member_rev";
    /// <summary>When a guest's access ends (Unix seconds); tokens of a time-boxed membership carry it.</summary>
    public const string AccessEndsAt = "access_ends_at";
}

/// <summary>Roles a membership can grant inside one tenant, plus the platform-wide administrator.</summary>
public static class IsmsRoles
{
    public const string PlatformAdmin = "PlatformAdmin";
    public const string TenantAdmin = "TenantAdmin";
    public const string IsmsManager = "IsmsManager";
    public const string RiskOwner = "RiskOwner";
    public const string ControlOwner = "ControlOwner";
    public const string Approver = "Approver";
    public const string Auditor = "Auditor";
    public const string Viewer = "Viewer";

    /// <summary>The roles that exist inside a tenant (PlatformAdmin is not one of them).</summary>
    public static readonly IReadOnlyList<string> TenantRoles =
        [TenantAdmin, IsmsManager, RiskOwner, ControlOwner, Approver, Auditor, Viewer];

    public static bool IsTenantRole(string role) => TenantRoles.Contains(role, StringComparer.Ordinal);

    // The groupings every service and the workspace decide by; the web only hides what the APIs would refuse, so both
    // must read the same lists.

    /// <summary>Do everything in the tenant.</summary>
    public static readonly IReadOnlyList<string> Managers = [TenantAdmin, IsmsManager];

    /// <summary>May change records: managers all of them, risk and control owners their own.</summary>
    public static readonly IReadOnlyList<string> Contributors = [TenantAdmin, IsmsManager, RiskOwner, ControlOwner];

    /// <summary>May grant acceptances and exceptions (domain rules 3 and 6), never their own.</summary>
    public static readonly IReadOnlyList<string> Approvers = [TenantAdmin, Approver];

    /// <summary>May read, verify and export the audit trail: the tenant's admins and its auditors.</summary>
    public static readonly IReadOnlyList<string> AuditTrailReaders = [TenantAdmin, Auditor];
}

/// <summary>Scopes and audiences the identity server issues and the APIs check.</summary>
public static class IsmsScopes
{
    /// <summary>The one API scope; its resource (audience) is <see cref="ApiAudience"/>.</summary>
    public const string Api = "isms_api";
    public const string ApiAudience = "isms-api";
    public const string WebClientId = "isms-web";
}
