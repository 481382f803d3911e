using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Audit;

public sealed class Memo : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.NewGuid();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Text { get; set; }
    public int Priority { get; set; }
    [NotAudited]
    public string? Secret { get; set; }
}

public sealed class MemoDbContext(DbContextOptions<MemoDbContext> options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Memo> Memos => Set<Memo>();

    public override string? AuditServiceName => "memo";

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Memo>();
}

/// <summary>
/// What the building block guarantees on every save of an audited record, on a real (SQLite) database: one linked,
/// hashed entry per change, in the same transaction, never changed afterwards; and a verifier that finds the first
/// broken link when rows are edited, deleted, swapped or cut off behind the DbContext's back.
/// </summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly SqliteTestDatabase<MemoDbContext> _db = new((options, tenant) => new MemoDbContext(options, tenant));
    private readonly Guid _tenant = Guid.NewGuid();

    private MemoDbContext Context() => _db.Context(_tenant);

    private Memo[] Write(int count)
    {
        using var db = Context();
        var memos = Enumerable.Range(1, count).Select(i => new Memo { Text = $"memo {i}", Priority = i }).ToArray();
        foreach (var memo in memos)
        {
            db.Memos.Add(memo);
            db.SaveChanges();
        }

        return memos;
    }

    private Task<AuditVerificationDto> VerifyAsync(AuditAnchor? anchor = null)
    {
        var db = Context();
        return AuditVerifier.VerifyAsync(db.AuditTrail, "memo", anchor, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private void Sql(string statement)
    {
        using var command = _db.Connection.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Every_change_is_one_linked_entry_whose_hash_is_the_sha256_of_its_canonical_content()
    {
        var memo = Write(1)[0];
        using (var db = Context())
        {
            var stored = db.Memos.Single();
            stored.Text = "changed";
            stored.Secret = "never in the trail";
            db.SaveChanges();
            db.SaveChanges(); // nothing changed: no entry
            db.Memos.Remove(stored);
            await db.SaveChangesAsync();
        }

        using var check = Context();
        var trail = check.AuditTrail.OrderBy(e => e.Sequence).ToList();
        Assert.Equal([1L, 2, 3], trail.Select(e => e.Sequence));
        Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Deleted], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal(memo.Id, e.RecordId));
        Assert.All(trail, e => Assert.Equal("system", e.ActorId));
        Assert.Equal("""{"Id":[null,"{id}"],"Priority":[null,1],"Text":[null,"memo 1"]}""".Replace("{id}", memo.Id.ToString(), StringComparison.Ordinal), trail[0].Changes);
        Assert.Equal("""{"Text":["memo 1","changed"]}""", trail[1].Changes);
        Assert.DoesNotContain("Secret", string.Concat(trail.Select(e => e.Changes)), StringComparison.Ordinal);
        Assert.Equal(AuditEntryContent.GenesisHash, trail[0].PreviousHash);
        Assert.Equal(trail[0].Hash, trail[1].PreviousHash);
        Assert.Equal(trail[1].Hash, trail[2].PreviousHash);
        foreach (var entry in trail)
        {
            // The composed content is exactly what the canonicaliser makes of it, and the hash is its SHA-256.
            var content = AuditEntryContent.Canonical("memo", entry);
            Assert.Equal(JsonCanonicalizer.Canonicalize(content), content);
            Assert.Equal(AuditEntryContent.HashOf(content), entry.Hash);
            Assert.Contains($"\"sequence\":{entry.Sequence},\"service\":\"memo\",\"tenantId\":\"{_tenant}\"", content, StringComparison.Ordinal);
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public void An_entry_is_immutable_through_the_dbcontext()
    {
        Write(1);
        using (var db = Context())
        {
            var entry = db.AuditTrail.Single();
            db.Entry(entry).Property(e => e.ActorId).CurrentValue = "someone else";
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        using (var db = Context())
        {
            db.AuditTrail.Remove(db.AuditTrail.Single());
            Assert.Throws<ImmutableRecordException>(() => db.SaveChanges());
        }

        Assert.Equal("system", Context().AuditTrail.Single().ActorId);
    }

    [Fact]
    public void A_save_that_fails_leaves_neither_the_change_nor_its_entry_and_a_retry_takes_the_next_place()
    {
        Write(1);
        using var db = Context();
        var memo = db.Memos.Single();
        memo.Text = "stale edit";
        db.ExpectVersion(memo, 7);
        Assert.Throws<DbUpdateConcurrencyException>(() => db.SaveChanges());
        Assert.DoesNotContain(db.ChangeTracker.Entries<AuditEntry>(), e => e.State == EntityState.Added);

        db.ExpectVersion(memo, 0);
        db.SaveChanges();

        Assert.Equal([1L, 2], Context().AuditTrail.OrderBy(e => e.Sequence).Select(e => e.Sequence));
        Assert.Equal("stale edit", Context().Memos.Single().Text);
    }

    [Fact]
    public async Task Saves_inside_one_explicit_transaction_continue_the_chain_and_roll_back_with_it()
    {
        Write(1);
        using (var db = Context())
        {
            using var transaction = db.Database.BeginTransaction();
            db.Memos.Add(new Memo { Text = "chunk 1" });
            await db.SaveChangesAsync();
            db.Memos.Add(new Memo { Text = "chunk 2" });
            await db.SaveChangesAsync();
            transaction.Rollback();
        }

        Assert.Equal(1, Context().AuditTrail.Count());
        using (var db = Context())
        {
            using var transaction = db.Database.BeginTransaction();
            db.Memos.Add(new Memo { Text = "chunk 1" });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Memos.Add(new Memo { Text = "chunk 2" });
            await db.SaveChangesAsync();
            transaction.Commit();
        }

        Assert.Equal([1L, 2, 3], Context().AuditTrail.OrderBy(e => e.Sequence).Select(e => e.Sequence));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Each_tenant_has_its_own_chain_and_sees_only_it()
    {
        Write(2);
        var other = Guid.NewGuid();
        using (var db = _db.Context(other))
        {
            db.Memos.Add(new Memo { Text = "other tenant" });
            db.SaveChanges();
        }

        Assert.Equal([1L, 2], Context().AuditTrail.Select(e => e.Sequence).OrderBy(s => s));
        Assert.Equal([1L], _db.Context(other).AuditTrail.Select(e => e.Sequence));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task An_edited_field_is_found_at_its_entry()
    {
        Write(5);
        Sql("UPDATE AuditTrail SET Changes = replace(Changes, 'memo 3', 'memo three') WHERE Sequence = 3");

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.ContentAltered, result.FirstBreak.Kind);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public async Task An_edit_rehashed_by_whoever_made_it_breaks_the_next_link()
    {
        Write(5);
        using (var db = Context())
        {
            var third = db.AuditTrail.AsNoTracking().Single(e => e.Sequence == 3);
            var forged = AuditChain.Link("memo", _tenant, 3, third.PreviousHash,
                new AuditedChange(third.RecordType, third.RecordId, third.Action, third.Changes.Replace("memo 3", "forged", StringComparison.Ordinal)),
                new AuditActor(third.ActorId, third.CorrelationId), third.OccurredAt);
            Sql($"UPDATE AuditTrail SET Changes = '{forged.Changes}', Hash = '{forged.Hash}' WHERE Sequence = 3");
        }

        var result = await VerifyAsync();

        Assert.Equal(4, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.LinkBroken, result.FirstBreak.Kind);
    }

    [Fact]
    public async Task A_deleted_entry_is_reported_missing_at_its_number()
    {
        Write(5);
        Sql("DELETE FROM AuditTrail WHERE Sequence = 2");

        var result = await VerifyAsync();

        Assert.Equal(2, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.Missing, result.FirstBreak.Kind);
    }

    [Fact]
    public async Task Two_swapped_entries_break_the_link_at_the_first_of_them()
    {
        Write(5);
        Sql("UPDATE AuditTrail SET Sequence = -1 WHERE Sequence = 2; UPDATE AuditTrail SET Sequence = 2 WHERE Sequence = 4; UPDATE AuditTrail SET Sequence = 4 WHERE Sequence = -1");

        var result = await VerifyAsync();

        Assert.Equal(2, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.LinkBroken, result.FirstBreak.Kind);
    }

    [Fact]
    public async Task A_cut_off_tail_passes_alone_but_not_against_an_anchor()
    {
        Write(6);
        var anchor = await VerifyAsync();
        Sql("DELETE FROM AuditTrail WHERE Sequence > 4");

        var alone = await VerifyAsync();
        var anchored = await VerifyAsync(new AuditAnchor(anchor.HeadSequence, anchor.HeadHash));

        Assert.True(alone.Intact);
        Assert.Equal(4, alone.HeadSequence);
        Assert.False(anchored.Intact);
        Assert.Equal(5, anchored.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.EndsBeforeAnchor, anchored.FirstBreak.Kind);
    }

    [Fact]
    public async Task A_rewritten_history_that_is_consistent_again_fails_against_the_anchor()
    {
        Write(3);
        var anchor = await VerifyAsync();
        Sql("DELETE FROM AuditTrail");
        using (var db = Context())
        {
            db.Memos.Add(new Memo { Text = "rewritten" });
            db.SaveChanges();
            db.Memos.Add(new Memo { Text = "rewritten too" });
            db.SaveChanges();
            db.Memos.Add(new Memo { Text = "and this" });
            db.SaveChanges();
        }

        var result = await VerifyAsync(new AuditAnchor(anchor.HeadSequence, anchor.HeadHash));

        Assert.Equal(3, result.FirstBreak!.Sequence);
        Assert.Equal(AuditBreakKind.AnchorMismatch, result.FirstBreak.Kind);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task The_export_lines_are_the_canonical_content_with_the_hash()
    {
        Write(2);
        using var body = new MemoryStream();
        await AuditExport.WriteAsync(Context().AuditTrail, "memo", AuditExportFormat.Jsonl, body, CancellationToken.None);
        var lines = System.Text.Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            Assert.Equal(JsonCanonicalizer.Canonicalize(line), line);
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            var hash = node["hash"]!.GetValue<string>();
            node.Remove("hash");
            Assert.Equal(hash, AuditEntryContent.HashOf(JsonCanonicalizer.Canonicalize(node.ToJsonString())));
        }
    }

    public void Dispose() => _db.Dispose();
}
