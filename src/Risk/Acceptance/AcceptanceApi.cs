using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Risk.Acceptance;

/// <summary>Rule 3: formal acceptance of a residual risk above appetite, by an approver who is not the owner, until a date.</summary>
public static class AcceptanceApi
{
    public static IEndpointRouteBuilder MapAcceptanceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/risk/risks/{riskId:guid}/acceptances", Accept).WithTags("Acceptance")
            .RequireAuthorization(RiskPolicies.Approve).WithName("AcceptRisk")
            .WithSummary("Accepts the risk's residual score until a date; the approver must not be the risk owner.");
        app.MapPost("api/risk/acceptances/{id:guid}/revoke", Revoke).WithTags("Acceptance")
            .RequireAuthorization(RiskPolicies.Approve).WithName("RevokeAcceptance").WithSummary("Ends an acceptance early.");
        return app;
    }

    public static async Task<Results<Created<AcceptanceDto>, NotFound, ValidationProblem, ProblemHttpResult>> Accept(
        Guid riskId, AcceptRiskRequest request, RiskDbContext db, Actor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var risk = await db.Risks.Include(r => r.Acceptances).FirstOrDefaultAsync(r => r.Id == riskId, cancellationToken);
        if (risk is null)
        {
            return TypedResults.NotFound();
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var today = clock.Today();
        var check = AcceptanceRules.Check(risk, actor, request.ExpiresOn, today, settings);
        if (check.Refusal is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var acceptance = new RiskAcceptance
        {
            RiskId = risk.Id, AcceptedResidualScore = risk.ResidualScore, Rationale = request.Rationale.Trim(),
            ApprovedBy = actor.Key, ApprovedAt = now, ExpiresOn = request.ExpiresOn,
        };
        risk.Acceptances.Add(acceptance);
        risk.UpdatedAt = now;
        risk.RefreshStatus(settings.RiskAppetite, today);
        db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/risk/risks/{risk.Id}", AcceptanceDto.From(acceptance));
    }

    public static async Task<Results<Ok<AcceptanceDto>, NotFound, ValidationProblem>> Revoke(
        Guid id, RiskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var acceptance = await db.Acceptances.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        var risk = acceptance is null ? null : await db.Risks.Include(r => r.Acceptances).FirstOrDefaultAsync(r => r.Id == acceptance.RiskId, cancellationToken);
        if (acceptance is null || risk is null)
        {
            return TypedResults.NotFound();
        }

        var check = acceptance.CheckRevoke();
        if (!check.IsAllowed)
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        var settings = await RiskSettings.LoadAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        acceptance.Revoke(now);
        risk.UpdatedAt = now;
        risk.RefreshStatus(settings.RiskAppetite, clock.Today());
        db.AddEvent(RiskEvents.Assessed(risk, db, isNew: false, settings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AcceptanceDto.From(acceptance));
    }
}
