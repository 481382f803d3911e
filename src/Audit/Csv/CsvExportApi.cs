using System.Globalization;
using CsvHelper;
using IsmsCloud.Audits.AccessReviews;
using IsmsCloud.Audits.Findings;
using IsmsCloud.Audits.Infrastructure;
using IsmsCloud.BuildingBlocks.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Audits.Csv;

/// <summary>CSV exports of the programme, findings (with recurrence), corrective actions (with overdue age) and review items, streamed row by row.</summary>
public static class CsvExportApi
{
    public static readonly string[] Registers = ["audits", "findings", "corrective-actions", "review-items"];

    public static IEndpointRouteBuilder MapCsvExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/audit/export/{register}", Export).WithTags("Export").RequireAuthorization(IsmsPolicies.TenantMember)
            .WithName("ExportAuditRegister").WithSummary("Exports audits, findings, corrective-actions or review-items (?campaignId= to pick one campaign) as CSV.");
        return app;
    }

    public static async Task<Results<EmptyHttpResult, NotFound>> Export(
        string register, HttpContext http, AuditDbContext db, TimeProvider clock, CancellationToken cancellationToken, [FromQuery] Guid? campaignId = null)
    {
        var name = register.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? register[..^4].ToLowerInvariant() : register.ToLowerInvariant();
        if (!Registers.Contains(name))
        {
            return TypedResults.NotFound();
        }

        if (campaignId is { } id && !await db.Campaigns.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = clock.Today();
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{today:yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        switch (name)
        {
            case "audits":
                await WriteAsync(csv, ["title", "kind", "year", "status", "scope", "criteria", "auditor", "external_body", "planned_start_on", "planned_end_on", "started_on", "completed_on", "id"],
                    db.Audits.AsNoTracking().OrderBy(a => a.PlannedStartOn).ThenBy(a => a.Id),
                    a => [a.Title, a.Kind, a.Year, a.Status, a.Scope, a.Criteria, a.Auditor, a.ExternalBody, a.PlannedStartOn, a.PlannedEndOn, a.StartedOn, a.CompletedOn, a.Id], cancellationToken);
                break;
            case "findings":
                await WriteAsync(csv, ["audit_id", "kind", "reference", "status", "raised_on", "raised_by", "recurring", "escalate", "description", "evidence_seen", "root_cause_category", "root_cause_analysis", "closed_on", "id"],
                    db.Findings.AsNoTracking().OrderBy(f => f.RaisedOn).ThenBy(f => f.Id).WithRecurrence(db.Findings),
                    x => [x.Finding.AuditId, x.Finding.Kind, x.Finding.Reference, x.Finding.Status, x.Finding.RaisedOn, x.Finding.RaisedBy, x.Recurring ? "yes" : "no",
                        Finding.NeedsEscalation(x.Finding.Kind, x.Recurring) ? "yes" : "no", x.Finding.Description, x.Finding.EvidenceSeen, x.Finding.RootCauseCategory,
                        x.Finding.RootCauseAnalysis, x.Finding.ClosedOn, x.Finding.Id],
                    cancellationToken);
                break;
            case "corrective-actions":
                await WriteAsync(csv, ["finding_id", "title", "owner", "due_on", "status", "overdue_days", "closed_on", "evidence_link", "effectiveness_check_due_on", "effectiveness", "checked_by", "checked_on", "reopen_count", "id"],
                    db.CorrectiveActions.AsNoTracking().OrderBy(a => a.DueOn).ThenBy(a => a.Id),
                    a => [a.FindingId, a.Title, a.Owner, a.DueOn, a.Status, a.OverdueDays(today), a.ClosedOn, a.EvidenceLink, a.EffectivenessCheckDueOn, a.Effectiveness,
                        a.EffectivenessCheckedBy, a.EffectivenessCheckedOn, a.ReopenCount, a.Id], cancellationToken);
                break;
            case "review-items":
                await WriteAsync(csv, [.. ReviewItemImport.Columns, "change", "decision", "justification", "decided_by", "decided_at", "verified_by", "verified_at", "verification_evidence", "campaign_id", "id"],
                    CampaignsApi.ItemFilter(db, campaignId, null, null, null, null, null).OrderBy(i => i.CampaignId).ThenBy(i => i.AccountKey),
                    i => [i.UserName, i.Email, i.Account, i.Entitlements, i.Privileged ? "yes" : "no", i.LastLoginOn, i.Change, i.Decision, i.Justification, i.DecidedBy, i.DecidedAt,
                        i.VerifiedBy, i.VerifiedAt, i.VerificationEvidence, i.CampaignId, i.Id], cancellationToken);
                break;
        }

        return TypedResults.Empty;
    }

    private static async Task WriteAsync<T>(CsvWriter csv, string[] header, IQueryable<T> rows, Func<T, object?[]> fields, CancellationToken cancellationToken)
    {
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var value in fields(row))
            {
                csv.WriteField(value switch
                {
                    null => "",
                    DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                });
            }

            await csv.NextRecordAsync();
        }
    }
}
