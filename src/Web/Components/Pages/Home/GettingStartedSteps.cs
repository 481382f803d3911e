namespace IsmsCloud.Web.Components.Pages.Home;

/// <summary>
/// One step of the getting-started checklist. <see cref="Done"/> is null when the tenant's data could not be read
/// (the service is down, or the member's role may not read it): the step then shows as unknown, never as done.
/// </summary>
public sealed record GettingStartedStep(string Key, string Title, string Href, bool? Done, string Hint);

/// <summary>
/// The checklist in the seed's order of an ISMS (begin with scope, context and risk; then the operating rhythm up to
/// management review). Each step is ticked from the tenant's own records, read through the APIs the pages use.
/// </summary>
public static class GettingStartedSteps
{
    /// <summary>What the APIs answered; null for an answer that could not be had.</summary>
    public sealed record Facts(
        int? PublishedScopeVersions, int? Assets, int? Risks, int? PublishedSoaVersions, int? UndecidedControls,
        int? Evidence, int? InternalAudits, int? ManagementReviews, bool? ManagementReviewSigned);

    public static IReadOnlyList<GettingStartedStep> From(Facts f) =>
    [
        new("scope", "Define the scope", "portal/scope", f.PublishedScopeVersions > 0 ? true : Known(f.PublishedScopeVersions),
            "Publish a scope statement: services, locations, teams and systems, and each exclusion with its reason."),
        new("assets", "Register assets", "assets", f.Assets > 0 ? true : Known(f.Assets),
            "List the information assets, systems and services the ISMS covers, each with an owner."),
        new("risks", "Assess risks", "risks", f.Risks > 0 ? true : Known(f.Risks),
            "Score each risk's likelihood and impact, before and after its controls, and give it an owner."),
        new("soa", "Decide the Statement of Applicability", "soa", f.PublishedSoaVersions > 0 ? true : Known(f.PublishedSoaVersions),
            f.UndecidedControls is > 0 and var undecided
                ? $"Decide each control's applicability with a justification ({undecided} still undecided), then publish the SoA."
                : "Decide each control's applicability with a justification, then publish the SoA."),
        new("evidence", "Record evidence", "evidence", f.Evidence > 0 ? true : Known(f.Evidence),
            "Record evidence that controls operate, with the period it covers."),
        new("audit", "Plan the internal audit", "audits", f.InternalAudits > 0 ? true : Known(f.InternalAudits),
            "Put an internal audit into the audit programme."),
        new("review", "Hold a management review", "management-reviews", f.ManagementReviewSigned,
            f.ManagementReviewSigned == false && f.ManagementReviews > 0
                ? "A review is planned: sign it off once management has decided."
                : "Hold a management review on the signals and sign it off."),
    ];

    /// <summary>All done: the checklist has served its purpose and makes way for the dashboard.</summary>
    public static bool AllDone(IReadOnlyList<GettingStartedStep> steps) => steps.All(s => s.Done == true);

    private static bool? Known(int? count) => count is null ? null : false;
}
