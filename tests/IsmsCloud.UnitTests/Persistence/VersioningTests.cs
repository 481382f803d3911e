using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.UnitTests.Persistence;

public sealed class VersioningTests : IDisposable
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private readonly TestDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Each_update_bumps_the_version_and_a_stale_version_is_refused()
    {
        await using (var db = _db.Context(Tenant))
        {
            db.Notes.Add(new Note { Code = "N-1" });
            await db.SaveChangesAsync();
        }

        await using (var first = _db.Context(Tenant))
        {
            var note = await first.Notes.SingleAsync();
            first.ExpectVersion(note, 0);
            note.Text = "first";
            await first.SaveChangesAsync();
            Assert.Equal(1u, note.Version);
        }

        await using var stale = _db.Context(Tenant);
        var again = await stale.Notes.SingleAsync();
        stale.ExpectVersion(again, 0);
        again.Text = "stale";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }
}
