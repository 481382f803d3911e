using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IsmsCloud.BuildingBlocks.Audit;

namespace IsmsCloud.Reporting.ManagementReviews;

public sealed record DecisionRecord(Guid Id, DecisionKind Kind, string Summary, IReadOnlyList<DecisionLink> Links, IReadOnlyList<ActionRequest> Actions, DateTimeOffset CreatedAt);

/// <summary>The audit-trail head a service published for the review's day (or its newest before), quoted in the pack.</summary>
public sealed record AuditHeadQuote(string Service, DateOnly Day, long Sequence, string Hash);

/// <summary>
/// What the chair signs (docs/decisions/0019): the record (title, date, chair, attendees), the inputs as of the date,
/// the decisions with the actions they request, the audit-trail heads and the signature itself.
/// </summary>
public sealed record ReviewSnapshotContent(
    Guid ReviewId,
    string Title,
    DateOnly ReviewDate,
    Person Chair,
    IReadOnlyList<Person> Attendees,
    ReviewInputs Inputs,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<AuditHeadQuote> AuditHeads,
    string SignedBy,
    DateTimeOffset SignedAt);

public static class ReviewSnapshotHash
{
    /// <summary>The API's own naming: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The snapshot as RFC 8785 canonical JSON (camelCase names, as the API writes them).</summary>
    public static string Canonical(ReviewSnapshotContent content) =>
        JsonCanonicalizer.Canonicalize(JsonSerializer.Serialize(content, Json));

    /// <summary>The lower-case hex SHA-256 of the canonical JSON's UTF-8 bytes.</summary>
    public static string Sha256(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    public static ReviewSnapshotContent Read(string canonicalJson) =>
        JsonSerializer.Deserialize<ReviewSnapshotContent>(canonicalJson, Json)
        ?? throw new InvalidOperationException("A stored snapshot holds no review.");
}
