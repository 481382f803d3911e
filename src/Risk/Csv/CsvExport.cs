using CsvHelper;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Treatment;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Csv;

/// <summary>
/// One CSV per register, streamed row by row from the database (the tenant filter applies as everywhere). Columns
/// of the risk and asset exports are the import's columns first, so an export can be edited and imported again.
/// </summary>
internal static class CsvExport
{
    public static readonly HashSet<string> Registers = ["assets", "risks", "actions", "controls", "evidence", "exceptions", "incidents"];

    public static async Task WriteAsync(string register, CsvWriter csv, RiskDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        switch (register)
        {
            case "assets":
                await WriteRowsAsync(csv, ["name", "type", "classification", "owner", "in_scope", "description", "ai_model_provider", "ai_data_used", "ai_automated_decisions", "id"],
                    db.Assets.AsNoTracking().OrderBy(a => a.Name),
                    a => [a.Name, a.Type, a.Classification, a.Owner, a.InScope ? "yes" : "no", a.Description, a.AiModelProvider, a.AiDataUsed, a.AiAutomatedDecisions ? "yes" : "no", a.Id], cancellationToken);
                break;
            case "risks":
                await WriteRowsAsync(csv, [.. RiskCsvImport.Required, "description", "threat", "vulnerability", "decision", "inherent_score", "residual_score", "residual_band", "status", "next_review_on", "id"],
                    db.Risks.AsNoTracking().OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
                    r => [r.Title, r.Owner, r.InherentLikelihood, r.InherentImpact, r.ResidualLikelihood, r.ResidualImpact, r.Description, r.Threat, r.Vulnerability,
                        r.Decision, r.InherentScore, r.ResidualScore, RiskScore.BandOf(r.ResidualScore), r.Status, r.NextReviewOn, r.Id], cancellationToken);
                break;
            case "actions":
                await WriteRowsAsync(csv, ["title", "owner", "due_on", "status", "overdue_days", "ticket_url", "risk_id", "source_incident_id", "id"],
                    db.TreatmentActions.AsNoTracking().OrderBy(a => a.DueOn).ThenBy(a => a.Id),
                    a => [a.Title, a.Owner, a.DueOn, a.Status, OverdueAge.Of(a.IsOpen, a.DueOn, today), a.TicketUrl, a.RiskId, a.SourceIncidentId, a.Id], cancellationToken);
                break;
            case "controls":
                await WriteRowsAsync(csv, ["reference", "title", "theme", "applicable", "justification", "implementation_status", "owner", "evidence_cadence_days", "newest_evidence_covers_to", "evidence_freshness", "id"],
                    db.Controls.AsNoTracking().OrderBy(c => c.IsCustom).ThenBy(c => c.SortOrder).ThenBy(c => c.Reference)
                        .Select(c => new { c, Newest = db.Evidence.Where(e => e.ControlId == c.Id).Max(e => (DateOnly?)e.CoversTo) }),
                    x => [x.c.Reference, x.c.Title, x.c.Theme, x.c.Applicable switch { true => "yes", false => "no", _ => "" }, x.c.Justification, x.c.ImplementationStatus,
                        x.c.Owner, x.c.EvidenceCadenceDays, x.Newest, EvidenceFreshnessRule.Evaluate(x.c.EvidenceCadenceDays, x.Newest, today), x.c.Id], cancellationToken);
                break;
            case "evidence":
                await WriteRowsAsync(csv, ["title", "control_id", "source", "link", "covers_from", "covers_to", "collected_by", "collected_at", "file_name", "sha256", "id"],
                    db.Evidence.AsNoTracking().OrderBy(e => e.CollectedAt).ThenBy(e => e.Id),
                    e => [e.Title, e.ControlId, e.Source, e.Link, e.CoversFrom, e.CoversTo, e.CollectedBy, e.CollectedAt, e.FileName, e.Sha256, e.Id], cancellationToken);
                break;
            case "exceptions":
                await WriteRowsAsync(csv, ["control_id", "risk_id", "affected_scope", "reason", "compensating_controls", "status", "requested_by", "approved_by", "first_granted_at", "expires_on", "renewal_count", "age_days", "permanent", "id"],
                    db.ControlExceptions.AsNoTracking().OrderBy(e => e.RequestedAt).ThenBy(e => e.Id),
                    e => [e.ControlId, e.RiskId, e.AffectedScope, e.Reason, e.CompensatingControls, e.Status, e.RequestedBy, e.ApprovedBy, e.FirstGrantedAt, e.ExpiresOn,
                        e.RenewalCount, e.AgeDays(today), e.IsPermanent(today) ? "yes" : "no", e.Id], cancellationToken);
                break;
            case "incidents":
                await WriteRowsAsync(csv, ["title", "severity", "status", "occurred_at", "detected_at", "resolved_at", "closed_at", "reported_by", "no_control_reason", "id"],
                    db.Incidents.AsNoTracking().OrderBy(i => i.OccurredAt).ThenBy(i => i.Id),
                    i => [i.Title, i.Severity, i.Status, i.OccurredAt, i.DetectedAt, i.ResolvedAt, i.ClosedAt, i.ReportedBy, i.NoControlReason, i.Id], cancellationToken);
                break;
        }
    }

    private static Task WriteRowsAsync<T>(CsvWriter csv, string[] header, IQueryable<T> rows, Func<T, object?[]> fields, CancellationToken cancellationToken) =>
        BuildingBlocks.Csv.CsvRowWriter.WriteRowsAsync(csv, header, rows, fields, cancellationToken);
}
