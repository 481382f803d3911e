using Microsoft.EntityFrameworkCore.Migrations;

namespace IsmsCloud.BuildingBlocks.Audit;

/// <summary>
/// The database's own refusal to change the trail, behind the DbContext's (which a bulk <c>ExecuteDelete</c> or a raw
/// statement would skip): an UPDATE or DELETE of an <c>AuditTrail</c> row fails. The one exception is deliberate: the
/// erasure of a deleted tenant (<see cref="AuditTrailErasure"/>) may delete that tenant's rows, and only those, in its
/// transaction. Someone with the owner's rights can still disable the trigger — tampering is then caught by the chain's
/// verification, which is the point of the hashes. Triggers are not part of the EF model, so they are written in each
/// provider's migration.
/// </summary>
public static class AuditTrailMigrations
{
    public const string GuardTrigger = "AuditTrail_AppendOnly";

    public static void CreateAuditTrailGuardPostgres(this MigrationBuilder migration) => migration.Sql($$"""
        CREATE OR REPLACE FUNCTION audit_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD."TenantId"::text = current_setting('{{AuditTrailErasure.Setting}}', true) THEN
                    RETURN OLD;
                END IF;
            END IF;
            RAISE EXCEPTION 'The audit trail is append-only: % is refused.', TG_OP;
        END
        $fn$;
        CREATE TRIGGER "{{GuardTrigger}}" BEFORE UPDATE OR DELETE ON "{{AuditEntryContent.Table}}"
            FOR EACH ROW EXECUTE FUNCTION audit_trail_refuse_change();
        CREATE TRIGGER "{{GuardTrigger}}_Truncate" BEFORE TRUNCATE ON "{{AuditEntryContent.Table}}"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse_change();
        """);

    public static void DropAuditTrailGuardPostgres(this MigrationBuilder migration) => migration.Sql($$"""
        DROP TRIGGER IF EXISTS "{{GuardTrigger}}_Truncate" ON "{{AuditEntryContent.Table}}";
        DROP TRIGGER IF EXISTS "{{GuardTrigger}}" ON "{{AuditEntryContent.Table}}";
        DROP FUNCTION IF EXISTS audit_trail_refuse_change();
        """);

    public static void CreateAuditTrailGuardSqlServer(this MigrationBuilder migration) => migration.Sql($"""
        CREATE TRIGGER [{GuardTrigger}] ON [{AuditEntryContent.Table}] INSTEAD OF UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            DECLARE @erasing uniqueidentifier = TRY_CONVERT(uniqueidentifier, CONVERT(nvarchar(36), SESSION_CONTEXT(N'{AuditTrailErasure.Setting}')));
            IF NOT EXISTS (SELECT 1 FROM inserted) AND @erasing IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deleted WHERE [TenantId] <> @erasing)
            BEGIN
                DELETE t FROM [{AuditEntryContent.Table}] t JOIN deleted d ON t.[TenantId] = d.[TenantId] AND t.[Sequence] = d.[Sequence];
                RETURN;
            END;
            THROW 51001, 'The audit trail is append-only: updates and deletes are refused.', 1;
        END
        """);

    public static void DropAuditTrailGuardSqlServer(this MigrationBuilder migration) =>
        migration.Sql($"DROP TRIGGER IF EXISTS [{GuardTrigger}];");
}
