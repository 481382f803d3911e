using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Acceptance;

public sealed record AcceptRiskRequest(
    [property: Required, StringLength(4000, MinimumLength = 10)] string Rationale,
    DateOnly ExpiresOn);

public sealed record AcceptanceDto(Guid Id, int AcceptedResidualScore, string Rationale, string ApprovedBy, DateTimeOffset ApprovedAt, DateOnly ExpiresOn, AcceptanceStatus Status)
{
    public static AcceptanceDto From(RiskAcceptance a) => new(a.Id, a.AcceptedResidualScore, a.Rationale, a.ApprovedBy, a.ApprovedAt, a.ExpiresOn, a.Status);
}
