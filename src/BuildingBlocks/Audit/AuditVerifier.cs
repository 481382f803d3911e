using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

public enum AuditBreakKind
{
    /// <summary>The entry with this number is not there: a row was deleted (or the chain was cut).</summary>
    Missing,
    /// <summary>The entry's content does not hash to its stored hash: a field was edited.</summary>
    ContentAltered,
    /// <summary>The entry does not name the hash of the one before: rows were swapped, or an edit was re-hashed.</summary>
    LinkBroken,
    /// <summary>The entry at the anchor's number has another hash than the anchor: the history was rewritten.</summary>
    AnchorMismatch,
    /// <summary>The chain ends before the anchor's number: its tail was cut off.</summary>
    EndsBeforeAnchor,
}

/// <summary>A sequence number and hash known from outside the chain: an export's last line, a published day head.</summary>
public sealed record AuditAnchor(long Sequence, string Hash);

/// <summary>The first place the chain is broken, by its sequence number.</summary>
public sealed record AuditBreakDto(long Sequence, AuditBreakKind Kind, string Detail);

/// <summary>
/// What a walk of the chain found: how many entries it checked and the head it reached (an anchor for next time), and
/// the first broken link, if any.
/// </summary>
public sealed record AuditVerificationDto(
    string Service, bool Intact, long EntriesChecked, long HeadSequence, string HeadHash, DateTimeOffset? HeadOccurredAt,
    AuditBreakDto? FirstBreak, long? AnchorSequence, DateTimeOffset VerifiedAt);

/// <summary>
/// Walks a tenant's chain in sequence order, a batch of entries at a time (a million entries are never in memory at
/// once), recomputing each hash and link, and stops at the first break. With an anchor it also proves the chain still
/// reaches the anchored entry unchanged, which a chain shortened but consistent with itself does not.
/// </summary>
public static class AuditVerifier
{
    public const int BatchSize = 5000;

    public static async Task<AuditVerificationDto> VerifyAsync(
        IQueryable<AuditEntry> chain, string service, AuditAnchor? anchor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long checkedCount = 0;
        var previous = (Sequence: 0L, Hash: AuditEntryContent.GenesisHash, At: (DateTimeOffset?)null);
        while (true)
        {
            var after = previous.Sequence;
            var batch = await chain.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                var found = Check(service, entry, previous.Sequence + 1, previous.Hash, anchor);
                if (found is not null)
                {
                    return Result(false, found);
                }

                checkedCount++;
                previous = (entry.Sequence, entry.Hash, entry.OccurredAt);
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        if (anchor is not null && anchor.Sequence > previous.Sequence)
        {
            return Result(false, new AuditBreakDto(previous.Sequence + 1, AuditBreakKind.EndsBeforeAnchor,
                $"The chain ends at entry {previous.Sequence}, but the anchor names entry {anchor.Sequence}: entries after {previous.Sequence} are missing."));
        }

        return Result(true, null);

        AuditVerificationDto Result(bool intact, AuditBreakDto? firstBreak) => new(
            service, intact, checkedCount, previous.Sequence, previous.Hash, previous.At, firstBreak, anchor?.Sequence, now);
    }

    private static AuditBreakDto? Check(string service, AuditEntry entry, long expected, string previousHash, AuditAnchor? anchor)
    {
        if (entry.Sequence != expected)
        {
            return new AuditBreakDto(expected, AuditBreakKind.Missing,
                $"Entry {expected} is missing: the entry after {expected - 1} is {entry.Sequence}.");
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return new AuditBreakDto(entry.Sequence, AuditBreakKind.LinkBroken,
                $"Entry {entry.Sequence} does not name the hash of entry {expected - 1} as the one before it.");
        }

        if (!string.Equals(AuditEntryContent.ComputeHash(service, entry), entry.Hash, StringComparison.Ordinal))
        {
            return new AuditBreakDto(entry.Sequence, AuditBreakKind.ContentAltered,
                $"Entry {entry.Sequence} was changed after it was written: its content no longer hashes to its stored hash.");
        }

        if (anchor is not null && anchor.Sequence == entry.Sequence && !string.Equals(anchor.Hash, entry.Hash, StringComparison.Ordinal))
        {
            return new AuditBreakDto(entry.Sequence, AuditBreakKind.AnchorMismatch,
                $"Entry {entry.Sequence} has another hash than the anchor: the history up to it was rewritten.");
        }

        return null;
    }
}
