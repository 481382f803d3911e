using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Certificates;
using IsmsCloud.Suppliers.Register;
using IsmsCloud.Suppliers.Settings;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Suppliers.Infrastructure;

/// <summary>
/// The events of supplier-api, made from the records just before they are saved. Each carries the record's version
/// after the save: events are written to the outbox when added, before the versioning interceptor moves a changed
/// record's version on, so that step is counted here (an added record keeps its version, a removed one gets one more).
/// </summary>
public static class SupplierEventFacts
{
    public static long VersionAfterSave(DbContext db, IVersioned record)
    {
        var entry = db.Entry(record);
        entry.DetectChanges();
        return entry.State is EntityState.Modified or EntityState.Deleted ? record.Version + 1L : record.Version;
    }

    public static SupplierChanged Changed(SupplierDbContext db, Supplier s, IReadOnlyCollection<MaterialChangeKind> material, bool aiUseAdded, DateTimeOffset now, bool deleted = false) => new(
        db.CurrentTenantId, s.Id, VersionAfterSave(db, s), s.LegalName, s.Criticality.ToString(), s.Status.ToString(), s.UsesAi, s.AiModelProvider,
        s.AiAutomatedDecisions, aiUseAdded, material.Select(m => m.ToString()).ToList(), s.LastMaterialChangeAt, s.ParentSupplierId,
        s.RiskIds.ToList(), s.AssetIds.ToList(), deleted, now, s.Owner);

    public static SupplierCertificateChanged CertificateChanged(SupplierDbContext db, SupplierCertificate c, DateTimeOffset now, bool removed = false) => new(
        db.CurrentTenantId, c.Id, c.SupplierId, VersionAfterSave(db, c), c.Kind.ToString(), c.IsCertificate, c.Issuer, c.ValidFrom, c.ValidUntil, removed, now);

    public static SupplierAssessmentChanged AssessmentChanged(SupplierDbContext db, SupplierAssessment a, DateTimeOffset at) => new(
        db.CurrentTenantId, a.Id, a.SupplierId, VersionAfterSave(db, a), a.Title, a.Status.ToString(), a.CreatedBy, a.SubmittedAt, at);

    public static SupplierAssessed Assessed(SupplierDbContext db, SupplierAssessment a) => new(
        db.CurrentTenantId, a.SupplierId, a.Id, VersionAfterSave(db, a), a.Result!.Value.ToString(), a.Result.Value.CountsAsValid(), a.CompletedAt!.Value,
        a.ResidualRiskNote, a.Conditions.ToList());

    public static SupplierSettingsChanged SettingsChanged(SupplierDbContext db, SupplierSettings s, DateTimeOffset at) => new(
        db.CurrentTenantId, VersionAfterSave(db, s), s.LowMonths, s.MediumMonths, s.HighMonths, s.CriticalMonths, at);

    public static SupplierAccessChanged AccessChanged(SupplierDbContext db, SystemAccess.SupplierAccess a, string supplierName, DateTimeOffset at, bool removed = false) => new(
        db.CurrentTenantId, a.Id, a.SupplierId, VersionAfterSave(db, a), supplierName, a.System, a.Account, a.PersonName, a.Email, a.Entitlements,
        a.Privileged, a.Since, a.Until, a.LastLoginAt, removed, at);
}
