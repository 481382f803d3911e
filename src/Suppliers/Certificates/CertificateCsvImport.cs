using IsmsCloud.BuildingBlocks.Csv;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Suppliers.Gaps;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Certificates;

/// <summary>
/// Certificates and agreements from CSV, through the building block's pipeline (streamed, all or nothing, errors by
/// row and column). The columns are the export's: supplier_id, kind, issuer, valid_from and valid_until are required,
/// reference optional; the computed ones (is_certificate, validity) and the exported id are ignored, so an export
/// imports back. Each row is recorded as a create records one: the same rules (<see cref="CertificateRules"/>), a
/// SupplierCertificateChanged event, the audit trail, and the supplier's gap state refreshed (an expired certificate
/// opens a gap, a valid one may close it). Files are not part of a CSV: attach them afterwards, one by one.
/// </summary>
internal sealed class CertificateCsvImport : ICsvRowImporter<SupplierDbContext, SupplierCertificate>
{
    private static readonly string[] Required = ["supplier_id", "kind", "issuer", "valid_from", "valid_until"];

    private readonly HashSet<Guid> _suppliers;
    private readonly ReassessmentIntervals _intervals;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    /// <summary>The suppliers the current chunk's certificates belong to: their gap states are refreshed before the chunk is saved.</summary>
    private readonly HashSet<Guid> _chunkSuppliers = [];

    private CertificateCsvImport(HashSet<Guid> suppliers, ReassessmentIntervals intervals, TimeProvider clock)
    {
        _suppliers = suppliers;
        _intervals = intervals;
        _now = clock.GetUtcNow();
        _today = clock.Today();
    }

    public IReadOnlyList<string> RequiredColumns => Required;

    /// <summary>Loads the tenant's supplier ids (what supplier_id may name) and the reassessment intervals once per file.</summary>
    public static async Task<CertificateCsvImport> CreateAsync(SupplierDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        new((await db.Suppliers.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet(),
            await SupplierSettings.IntervalsAsync(db, cancellationToken), clock);

    public SupplierCertificate? Check(RowErrors row, Dictionary<string, string> f)
    {
        var supplierId = row.Id(f, "supplier_id", required: true);
        if (supplierId is { } id && !_suppliers.Contains(id))
        {
            row.Add("supplier_id", "Name a supplier of this tenant, by id.");
        }

        var kind = row.Enum(f, "kind", CertificateKind.Iso27001, required: true);
        var issuer = row.Text(f, "issuer", 200, required: true, min: 2);
        var reference = row.Text(f, "reference", 200, required: false);
        var validFrom = row.Date(f, "valid_from", required: true);
        var validUntil = row.Date(f, "valid_until", required: true);
        if (validFrom is { } from && validUntil is { } until)
        {
            foreach (var (field, message) in CertificateRules.Check(kind, from, until))
            {
                row.Add(field switch { CertificateRules.Field.Kind => "kind", CertificateRules.Field.ValidFrom => "valid_from", _ => "valid_until" }, message);
            }
        }

        if (row.HasErrors)
        {
            return null;
        }

        var certificate = new SupplierCertificate { SupplierId = supplierId!.Value, Issuer = issuer, CreatedAt = _now };
        CertificatesApi.Apply(certificate, new SaveCertificateRequest(kind, issuer, reference, validFrom!.Value, validUntil!.Value), _now);
        return certificate;
    }

    public void Add(SupplierDbContext db, SupplierCertificate certificate)
    {
        db.Certificates.Add(certificate);
        db.AddEvent(SupplierEventFacts.CertificateChanged(db, certificate, _now));
        _chunkSuppliers.Add(certificate.SupplierId);
    }

    /// <summary>
    /// The chunk's suppliers, read with their certificates (the chunk's new ones are fixed up into each supplier's list
    /// by the change tracker), have their gap states refreshed at once: one read for the chunk, not one per row.
    /// </summary>
    public async Task BeforeSaveAsync(SupplierDbContext db, CancellationToken cancellationToken)
    {
        var ids = _chunkSuppliers.ToList();
        _chunkSuppliers.Clear();
        var suppliers = await db.Suppliers.Include(s => s.Certificates).Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        await GapTracker.RefreshAsync(db, suppliers, _intervals, _today, _now, cancellationToken);
    }
}
