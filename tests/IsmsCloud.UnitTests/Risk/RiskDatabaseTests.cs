using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Soa;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Risk;

/// <summary>What risk-api's DbContext guarantees on every save: frozen SoA versions and a history of every change.</summary>
public sealed class RiskDatabaseTests : IDisposable
{
    private readonly SqliteTestDatabase<RiskDbContext> _db = new((options, tenant) => new RiskDbContext(options, tenant));
    private readonly Guid _tenant = Guid.NewGuid();

    private RiskDbContext Context() => _db.Context(_tenant);

    private static SoaVersion Version(int number) => new()
    {
        Number = number, PublishedAt = DateTimeOffset.UtcNow, PublishedBy = "manager@acme.example", ControlCount = 1, ApplicableCount = 1,
        Entries = [new SoaVersionEntry("A.5.1", "Policies for information security", ControlTheme.Organizational, false, true, "Needed", ImplementationStatus.Implemented, null, 365, 2)],
    };

    [Fact]
    public void A_published_soa_version_reads_back_exactly_and_cannot_be_changed_or_deleted()
    {
        using (var db = Context())
        {
            db.SoaVersions.Add(Version(1));
            db.SaveChanges();
        }

        using (var db = Context())
        {
            var stored = db.SoaVersions.Single();
            Assert.Equal("Needed", Assert.Single(stored.Entries).Justification);

            db.Entry(stored).Property(v => v.PublishedBy).CurrentValue = "someone-else@acme.example";
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = Context())
        {
            db.SoaVersions.Remove(db.SoaVersions.Single());
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = Context())
        {
            Assert.Equal("manager@acme.example", db.SoaVersions.Single().PublishedBy);
        }
    }

    [Fact]
    public void Every_save_of_a_record_leaves_its_history_with_before_and_after()
    {
        Guid id;
        using (var db = Context())
        {
            var control = new Control { Reference = "A.8.5", Title = "Secure authentication", Theme = ControlTheme.Technological };
            db.Controls.Add(control);
            db.SaveChanges();
            id = control.Id;
        }

        using (var db = Context())
        {
            var control = db.Controls.Single();
            control.Applicable = true;
            control.Justification = "All staff use SSO";
            db.SaveChanges();
            db.SaveChanges(); // nothing changed: no extra history
        }

        using (var check = Context())
        {
            var history = check.AuditTrail.Where(e => e.RecordId == id).OrderBy(e => e.Sequence).ToList();
            Assert.Equal([AuditAction.Created, AuditAction.Updated], history.Select(h => h.Action));
            Assert.Equal("system", history[1].ActorId);
            Assert.Contains("\"Justification\":[null,\"All staff use SSO\"]", history[1].Changes, StringComparison.Ordinal);
            Assert.DoesNotContain("Reference", history[1].Changes, StringComparison.Ordinal);
            Assert.All(history, h => Assert.Equal(_tenant, h.TenantId));
        }
    }

    public void Dispose() => _db.Dispose();
}
