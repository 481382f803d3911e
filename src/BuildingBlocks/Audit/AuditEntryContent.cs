using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// What an entry's hash covers, and how it is computed: the SHA-256 of the UTF-8 bytes of the RFC 8785 canonical JSON
/// of
/// <code>{"action","actor","changes","correlationId","occurredAt","previousHash","recordId","recordType","sequence","service","tenantId"}</code>
/// (<c>changes</c> is the stored canonical object itself, not a string; <c>occurredAt</c> is
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>; <c>correlationId</c> may be null). The members are written here in their
/// canonical order, so no parse is needed per entry; a unit test checks the result equals
/// <see cref="JsonCanonicalizer"/>'s. docs/audit-trail.md recomputes it offline.
/// </summary>
public static class AuditEntryContent
{
    public const string Table = "AuditTrail";
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The canonical JSON the hash covers.</summary>
    public static string Canonical(string service, AuditEntry entry) => Write(new StringBuilder(256 + entry.Changes.Length), service, entry, null).ToString();

    /// <summary>The canonical JSON with the entry's hash among its members: one line of the JSON-lines export.</summary>
    public static string CanonicalWithHash(string service, AuditEntry entry) =>
        Write(new StringBuilder(330 + entry.Changes.Length), service, entry, entry.Hash).ToString();

    public static string ComputeHash(string service, AuditEntry entry) => HashOf(Canonical(service, entry));

    public static string HashOf(string canonicalJson)
    {
        var bytes = Encoding.UTF8.GetBytes(canonicalJson);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Microseconds, UTC: what PostgreSQL and SQL Server both store, so an entry reads back as it was hashed.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time)
    {
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - (utc % 10), TimeSpan.Zero);
    }

    public static string FormatTimestamp(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static StringBuilder Write(StringBuilder json, string service, AuditEntry entry, string? hash)
    {
        json.Append("{\"action\":");
        JsonCanonicalizer.WriteString(json, entry.Action.ToString());
        json.Append(",\"actor\":");
        JsonCanonicalizer.WriteString(json, entry.ActorId);
        json.Append(",\"changes\":").Append(entry.Changes);
        json.Append(",\"correlationId\":");
        if (entry.CorrelationId is null)
        {
            json.Append("null");
        }
        else
        {
            JsonCanonicalizer.WriteString(json, entry.CorrelationId);
        }

        if (hash is not null)
        {
            json.Append(",\"hash\":");
            JsonCanonicalizer.WriteString(json, hash);
        }

        json.Append(",\"occurredAt\":\"").Append(FormatTimestamp(entry.OccurredAt));
        json.Append("\",\"previousHash\":");
        JsonCanonicalizer.WriteString(json, entry.PreviousHash);
        json.Append(",\"recordId\":\"").Append(entry.RecordId.ToString("D", CultureInfo.InvariantCulture));
        json.Append("\",\"recordType\":");
        JsonCanonicalizer.WriteString(json, entry.RecordType);
        json.Append(",\"sequence\":").Append(entry.Sequence.ToString(CultureInfo.InvariantCulture));
        json.Append(",\"service\":");
        JsonCanonicalizer.WriteString(json, service);
        json.Append(",\"tenantId\":\"").Append(entry.TenantId.ToString("D", CultureInfo.InvariantCulture)).Append("\"}");
        return json;
    }
}
