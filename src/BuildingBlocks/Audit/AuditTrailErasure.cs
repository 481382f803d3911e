using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// The one way a trail's rows may be deleted: the erasure of a deleted tenant, for that tenant only. The database's
/// append-only trigger (<see cref="AuditTrailMigrations"/>) lets a DELETE of a row through when the session names the
/// row's tenant as the one being erased: on PostgreSQL for the rest of the transaction (<c>set_config(…, true)</c>),
/// on SQL Server in the session context until <see cref="EndAsync"/>. Updates stay refused.
/// </summary>
public static class AuditTrailErasure
{
    public const string Setting = "isms.erasing_tenant";

    public static Task PermitAsync(DbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return db.Database.ExecuteSqlAsync($"SELECT set_config({Setting}, {tenantId.ToString("D")}, true)", cancellationToken);
        }

        return db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"EXEC sp_set_session_context @key = {Setting}, @value = {tenantId.ToString("D")}", cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Forgets the permission where it outlives the transaction (SQL Server's session context).</summary>
    public static Task EndAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlServer()
            ? db.Database.ExecuteSqlAsync($"EXEC sp_set_session_context @key = {Setting}, @value = NULL", cancellationToken)
            : Task.CompletedTask;
}
