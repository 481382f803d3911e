using System.Globalization;
using IsmsCloud.Web.Api;

namespace IsmsCloud.Web.Components.Pages.Incidents;

/// <summary>
/// How incidents' records read for people on the incident pages. Code names become words through <see cref="Words"/>,
/// the workspace's one home for that; what is particular to incidents (the roles' help, days, the 409's title) is here.
/// </summary>
public static class IncidentText
{
    public static string Status(IncidentStatus status) => Words.Of(status);

    public static string Severity(IncidentSeverity severity) => Words.Of(severity);

    public static string Role(ControlRole role) => Words.Of(role);

    /// <summary>What the roles mean, under the picker (its options stay short, so its list fits a phone's screen).</summary>
    public const string RoleHelp = "Failed: it should have prevented or detected this. Helped: it limited or detected it.";

    /// <summary>A linked risk's status as the incident's detail carries it (risk-api's code name).</summary>
    public static string RiskStatus(string? status) => status is null ? "" : Words.Of(status);

    public static string ActionStatus(TreatmentActionStatus status) => Words.Of(status);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A 409 says why in its detail (someone changed the incident since it was read) under a bare "Conflict" title, and
    /// a change to an incident closed meanwhile is a 400 on its status; the page says plainly that nothing was saved, and why.
    /// </summary>
    public static ApiProblem Explained(ApiProblem problem) =>
        problem.Status == 409 || (problem.Status == 400 && problem.ErrorFor("status") is not null) ? problem with { Title = "Not saved." } : problem;
}

/// <summary>
/// The forms pick days; the API keeps exact times. A day left as it was keeps its exact time, and a day picked anew is
/// its start (UTC), but never before the time it must follow on the same day (detected after occurred, resolved after
/// detected), which the API would refuse.
/// </summary>
public static class IncidentDates
{
    public static DateTimeOffset StartOf(DateTime day) => new(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc));

    public static DateTimeOffset Picked(DateTime? day, DateTimeOffset kept) =>
        day is not { } d || d.Date == kept.UtcDateTime.Date ? kept : StartOf(d);

    public static DateTimeOffset NotBefore(DateTimeOffset at, DateTimeOffset floor) =>
        at < floor && at.UtcDateTime.Date == floor.UtcDateTime.Date ? floor : at;

    public static DateTime? DayOf(DateTimeOffset? at) => at?.UtcDateTime.Date;
}
