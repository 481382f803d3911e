using IsmsCloud.Contracts;

namespace IsmsCloud.Web.Components.Shared;

/// <summary>The tenant roles as people read them, with what each may do (the APIs' rules, decision 0008).</summary>
public static class RoleText
{
    public static string Name(string role) => role switch
    {
        IsmsRoles.TenantAdmin => "Tenant admin",
        IsmsRoles.IsmsManager => "ISMS manager",
        IsmsRoles.RiskOwner => "Risk owner",
        IsmsRoles.ControlOwner => "Control owner",
        IsmsRoles.Approver => "Approver",
        IsmsRoles.Auditor => "Auditor",
        IsmsRoles.Viewer => "Viewer",
        _ => role,
    };

    public static string Description(string role) => role switch
    {
        IsmsRoles.TenantAdmin => "Everything an ISMS manager does, plus members, roles and integration clients; grants acceptances and exceptions.",
        IsmsRoles.IsmsManager => "Runs the ISMS: changes every record, imports, publishes the Statement of Applicability.",
        IsmsRoles.RiskOwner => "Changes the risks and treatment actions they own.",
        IsmsRoles.ControlOwner => "Changes the controls and evidence they own.",
        IsmsRoles.Approver => "Grants risk acceptances and control exceptions, never their own; otherwise reads.",
        IsmsRoles.Auditor => "Reads everything. With an end date, a guest (an external auditor) whose access stops on that day.",
        IsmsRoles.Viewer => "Reads the workspace.",
        _ => "",
    };
}
