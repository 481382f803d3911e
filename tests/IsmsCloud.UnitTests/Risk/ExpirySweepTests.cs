using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Risk.Acceptance;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Risks;
using IsmsCloud.Risk.Scheduling;
using IsmsCloud.Risk.Soa;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IsmsCloud.UnitTests.Risk;

/// <summary>
/// The sweep selects what to expire with the entities' own rules (<see cref="ControlException.DueToExpire"/>,
/// <see cref="RiskAcceptance.DueToExpire"/>) translated to SQL: what it expires is exactly what the records say is due.
/// </summary>
public sealed class ExpirySweepTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private readonly SqliteTestDatabase<RiskDbContext> _db = new((options, tenant) => new RiskDbContext(options, tenant));
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly ServiceProvider _services;

    public ExpirySweepTests() =>
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddScoped<TenantContext>()
            .AddScoped(sp => new RiskDbContext(_db.Options, sp.GetRequiredService<TenantContext>()))
            .AddSingleton<ExpirySweep>()
            .BuildServiceProvider();

    private RiskDbContext Context() => _db.Context(_tenant);

    private static ControlException Granted(Guid controlId, Guid riskId, DateOnly expiresOn)
    {
        var exception = new ControlException
        {
            ControlId = controlId, RiskId = riskId, AffectedScope = "Legacy ERP", Reason = "Vendor does not support MFA yet",
            CompensatingControls = "IP allow-list", RequestedBy = "requester@acme.example", RequestedAt = Now.AddDays(-40), RequestedExpiresOn = expiresOn,
        };
        exception.Grant("approver@acme.example", expiresOn, Now.AddDays(-30), null);
        return exception;
    }

    private static RiskAcceptance Acceptance(Guid riskId, DateOnly expiresOn) => new()
    {
        RiskId = riskId, AcceptedResidualScore = 16, Rationale = "Accepted until the migration", ApprovedBy = "approver@acme.example",
        ApprovedAt = Now.AddDays(-30), ExpiresOn = expiresOn,
    };

    [Fact]
    public async Task The_sweep_expires_exactly_what_is_past_its_last_day()
    {
        Guid pastLastDay, onLastDay, acceptancePast, acceptanceOnLastDay;
        using (var db = Context())
        {
            var control = new Control { Reference = "A.8.5", Title = "Secure authentication", Theme = ControlTheme.Technological };
            var risk = RiskRulesTests.NewRisk(4, 4);
            risk.Decide(TreatmentDecision.Accept, Now);
            var past = Granted(control.Id, risk.Id, Today.AddDays(-1));
            var lastDay = Granted(control.Id, risk.Id, Today);
            var requested = new ControlException
            {
                ControlId = control.Id, RiskId = risk.Id, AffectedScope = "Old VPN", Reason = "Replacement is being rolled out",
                CompensatingControls = "Monitoring", RequestedBy = "requester@acme.example", RequestedAt = Now.AddDays(-40), RequestedExpiresOn = Today.AddDays(-5),
            };
            var acceptedPast = Acceptance(risk.Id, Today.AddDays(-1));
            var acceptedLastDay = Acceptance(risk.Id, Today);
            risk.Acceptances.AddRange([acceptedPast, acceptedLastDay]);
            db.AddRange(control, risk, past, lastDay, requested);
            await db.SaveChangesAsync();
            (pastLastDay, onLastDay, acceptancePast, acceptanceOnLastDay) = (past.Id, lastDay.Id, acceptedPast.Id, acceptedLastDay.Id);

            Assert.Equal([pastLastDay], db.ControlExceptions.Where(ControlException.DueToExpire.On(Today)).Select(e => e.Id).ToList());
            Assert.Equal([true, false, false], new[] { past, lastDay, requested }.Select(e => e.IsDueToExpire(Today)));
            Assert.Equal([true, false], new[] { acceptedPast, acceptedLastDay }.Select(a => a.IsDueToExpire(Today)));
        }

        var result = await _services.GetRequiredService<ExpirySweep>().RunTenantAsync(_tenant, CancellationToken.None);

        Assert.Equal(new SweepResult(AcceptancesExpired: 1, ExceptionsExpired: 1), result);
        using (var db = Context())
        {
            Assert.Equal(ExceptionStatus.Expired, db.ControlExceptions.Single(e => e.Id == pastLastDay).Status);
            Assert.Equal(ExceptionStatus.Approved, db.ControlExceptions.Single(e => e.Id == onLastDay).Status);
            Assert.Equal(AcceptanceStatus.Expired, db.Acceptances.Single(a => a.Id == acceptancePast).Status);
            Assert.Equal(AcceptanceStatus.Active, db.Acceptances.Single(a => a.Id == acceptanceOnLastDay).Status);
            Assert.Equal(RiskStatus.Open, db.Risks.Single().Status);
            Assert.Empty(db.ControlExceptions.Where(ControlException.DueToExpire.On(Today)));
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        _db.Dispose();
    }
}
