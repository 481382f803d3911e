using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

public enum AuditExportFormat
{
    /// <summary>One canonical JSON object per line: the hashed content with its hash among the members.</summary>
    Jsonl,
    /// <summary>One row per entry, the content's members as columns, <c>changes</c> as its canonical JSON text.</summary>
    Csv,
}

/// <summary>
/// Writes a tenant's chain in sequence order, a batch at a time, with everything needed to check it offline
/// (docs/audit-trail.md): each line's hash is recomputed from the line itself, and each names the hash before it.
/// </summary>
public static class AuditExport
{
    public static readonly string[] CsvColumns =
        ["sequence", "occurredAt", "service", "tenantId", "action", "recordType", "recordId", "actor", "correlationId", "changes", "previousHash", "hash"];

    public static string ContentType(AuditExportFormat format) => format == AuditExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public static string FileName(string service, AuditExportFormat format, DateOnly today) =>
        $"audit-trail-{service}-{today:yyyy-MM-dd}.{(format == AuditExportFormat.Csv ? "csv" : "jsonl")}";

    public static async Task WriteAsync(IQueryable<AuditEntry> chain, string service, AuditExportFormat format, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        if (format == AuditExportFormat.Csv)
        {
            await writer.WriteLineAsync(string.Join(',', CsvColumns));
        }

        long after = 0;
        while (true)
        {
            var from = after;
            var batch = await chain.AsNoTracking().Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(AuditVerifier.BatchSize).ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                await writer.WriteLineAsync(format == AuditExportFormat.Csv ? CsvLine(service, entry) : AuditEntryContent.CanonicalWithHash(service, entry));
                after = entry.Sequence;
            }

            await writer.FlushAsync(cancellationToken);
            if (batch.Count < AuditVerifier.BatchSize)
            {
                return;
            }
        }
    }

    public static string CsvLine(string service, AuditEntry e) => string.Join(',',
        e.Sequence.ToString(CultureInfo.InvariantCulture), AuditEntryContent.FormatTimestamp(e.OccurredAt), Cell(service), e.TenantId.ToString("D"),
        e.Action.ToString(), Cell(e.RecordType), e.RecordId.ToString("D"), Cell(e.ActorId), Cell(e.CorrelationId ?? ""), Cell(e.Changes), e.PreviousHash, e.Hash);

    // RFC 4180: quoted when it holds a comma, quote or line break. Values are never altered (no spreadsheet-formula
    // prefix), because the offline check hashes them exactly as they are.
    private static string Cell(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
