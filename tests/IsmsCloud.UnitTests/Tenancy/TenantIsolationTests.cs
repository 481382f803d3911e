using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Tenancy;

public sealed class TenantIsolationTests : IDisposable
{
    private static readonly Guid TenantA = Guid.NewGuid();
    private static readonly Guid TenantB = Guid.NewGuid();
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    private async Task<Note> AddNoteAsync(Guid tenant, string code)
    {
        await using var db = _db.Context(tenant);
        var note = new Note { Code = code, Text = "hello" };
        db.Notes.Add(note);
        await db.SaveChangesAsync();
        return note;
    }

    [Fact]
    public async Task Insert_is_stamped_with_the_current_tenant()
    {
        var note = await AddNoteAsync(TenantA, "N-1");

        Assert.Equal(TenantA, note.TenantId);
        await using var raw = _db.Context(TenantA);
        Assert.Equal(TenantA, await raw.Notes.IgnoreQueryFilters().Where(n => n.Id == note.Id).Select(n => n.TenantId).SingleAsync());
    }

    [Fact]
    public async Task Queries_only_see_the_current_tenants_rows()
    {
        var ofA = await AddNoteAsync(TenantA, "N-1");
        var ofB = await AddNoteAsync(TenantB, "N-1");

        await using var asB = _db.Context(TenantB);
        var visible = await asB.Notes.Select(n => n.Id).ToListAsync();

        Assert.Equal([ofB.Id], visible);
        Assert.Null(await asB.Notes.FirstOrDefaultAsync(n => n.Id == ofA.Id));
        Assert.Null(await asB.Notes.FindAsync(ofA.Id));
    }

    [Fact]
    public async Task A_scope_without_tenant_sees_no_tenant_rows()
    {
        await AddNoteAsync(TenantA, "N-1");

        await using var noTenant = _db.Context(null);

        Assert.Empty(await noTenant.Notes.ToListAsync());
    }

    [Fact]
    public async Task Inserting_a_row_for_another_tenant_throws_and_writes_nothing()
    {
        await using (var asA = _db.Context(TenantA))
        {
            asA.Notes.Add(new Note { Code = "X", TenantId = TenantB });
            await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }

        await using var asB = _db.Context(TenantB);
        Assert.Empty(await asB.Notes.ToListAsync());
    }

    [Fact]
    public async Task Updating_or_deleting_another_tenants_row_throws()
    {
        var ofB = await AddNoteAsync(TenantB, "N-1");

        await using var asA = _db.Context(TenantA);
        var forged = new Note { Id = ofB.Id, TenantId = TenantB, Code = "N-1", Text = "overwritten" };
        asA.Notes.Update(forged);
        await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());

        asA.ChangeTracker.Clear();
        asA.Notes.Remove(new Note { Id = ofB.Id, TenantId = TenantB, Code = "N-1" });
        await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());

        await using var asB = _db.Context(TenantB);
        Assert.Equal("hello", (await asB.Notes.SingleAsync()).Text);
    }

    [Fact]
    public async Task A_foreign_row_attached_under_our_own_tenant_id_is_neither_updated_nor_deleted()
    {
        var ofB = await AddNoteAsync(TenantB, "N-1");

        // Tenant A forges an entity with B's row id but A's own TenantId: the guard sees nothing wrong,
        // so the database must refuse it (TenantId is part of every UPDATE/DELETE's WHERE).
        await using (var asA = _db.Context(TenantA))
        {
            asA.Notes.Update(new Note { Id = ofB.Id, TenantId = TenantA, Code = "N-1", Text = "overwritten" });
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => asA.SaveChangesAsync());
            asA.ChangeTracker.Clear();
            asA.Notes.Remove(new Note { Id = ofB.Id, TenantId = TenantA, Code = "N-1" });
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => asA.SaveChangesAsync());
        }

        await using var asB = _db.Context(TenantB);
        var note = await asB.Notes.SingleAsync();
        Assert.Equal("hello", note.Text);
        Assert.Equal(TenantB, note.TenantId);
    }

    [Fact]
    public async Task Moving_a_row_to_another_tenant_throws()
    {
        await AddNoteAsync(TenantA, "N-1");

        await using var asA = _db.Context(TenantA);
        var note = await asA.Notes.SingleAsync();
        note.TenantId = TenantB;

        await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
    }

    [Fact]
    public async Task Inserting_without_a_tenant_throws()
    {
        await using var noTenant = _db.Context(null);
        noTenant.Notes.Add(new Note { Code = "N-1" });

        await Assert.ThrowsAsync<TenantMismatchException>(() => noTenant.SaveChangesAsync());
    }

    [Fact]
    public async Task Unique_indexes_are_per_tenant()
    {
        await AddNoteAsync(TenantA, "SAME");
        await AddNoteAsync(TenantB, "SAME");

        await Assert.ThrowsAsync<DbUpdateException>(() => AddNoteAsync(TenantA, "SAME"));
        await using var db = _db.Context(TenantA);
        var index = db.Model.FindEntityType(typeof(Note))!.GetIndexes().Single(i => i.IsUnique);
        Assert.Equal(["TenantId", "Code"], index.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_scope_cannot_switch_tenant()
    {
        var context = new TenantContext();
        context.Set(TenantA);
        context.Set(TenantA);

        Assert.Throws<TenantMismatchException>(() => context.Set(TenantB));
        Assert.Equal(TenantA, context.TenantId);
    }
}
