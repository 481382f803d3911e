using System.Globalization;
using IsmsCloud.BuildingBlocks.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Audit;

public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset OccurredAt, string ActorId, string? CorrelationId, string RecordType, Guid RecordId,
    AuditAction Action, string Changes, string PreviousHash, string Hash)
{
    public static AuditEntryDto From(AuditEntry e) =>
        new(e.Sequence, e.OccurredAt, e.ActorId, e.CorrelationId, e.RecordType, e.RecordId, e.Action, e.Changes, e.PreviousHash, e.Hash);
}

/// <summary>
/// A page of the trail. <see cref="TotalCount"/> is exact for the whole chain (the head's number) and for filters
/// matching up to <see cref="AuditTrailQuery.MaxCounted"/> entries; beyond that it is that number and
/// <see cref="TotalIsExact"/> is false ("10,000 or more"), because counting one actor's hundred thousand entries on every
/// page costs more than the page, and nobody pages through them: they narrow the filter.
/// </summary>
public sealed record AuditTrailPage(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, int TotalCount, bool TotalIsExact);

/// <summary>
/// A page of the trail, newest first, filtered by record, actor and UTC days (inclusive). Every filter is bound as text
/// and parsed here, so a malformed value is a field error like any other, never a framework failure.
/// </summary>
public sealed record AuditTrailQuery(
    [FromQuery(Name = "recordId")] string? RecordId = null,
    [FromQuery(Name = "actor")] string? Actor = null,
    [FromQuery(Name = "from")] string? From = null,
    [FromQuery(Name = "to")] string? To = null)
{
    public const int MaxActorLength = 200;
    public const int MaxCounted = 10_000;

    public (Dictionary<string, string[]> Errors, Filter Filter) Parse()
    {
        var errors = new Dictionary<string, string[]>();
        Guid? recordId = null;
        if (!string.IsNullOrEmpty(RecordId))
        {
            if (Guid.TryParse(RecordId, out var id))
            {
                recordId = id;
            }
            else
            {
                errors["recordId"] = ["The record id must be a GUID."];
            }
        }

        if (Actor is { Length: > MaxActorLength })
        {
            errors["actor"] = [$"The actor must be at most {MaxActorLength} characters."];
        }

        var from = Day(From, "from", errors);
        var to = Day(To, "to", errors);
        if (from is { } f && to is { } t && f > t)
        {
            errors["to"] = ["The last day must not be before the first."];
        }

        return (errors, new Filter(recordId, string.IsNullOrEmpty(Actor) ? null : Actor, from, to));
    }

    public sealed record Filter(Guid? RecordId, string? Actor, DateOnly? From, DateOnly? To)
    {
        public bool IsEmpty => RecordId is null && Actor is null && From is null && To is null;
    }

    /// <summary>
    /// Unfiltered, the page is a range of sequence numbers below the head (the chain has no gaps), so its total and its
    /// rows cost the same on page 1 and page 20,000; a filtered page is counted and paged by the filter's index.
    /// </summary>
    public static async Task<AuditTrailPage> PageAsync(IQueryable<AuditEntry> chain, Filter filter, PageRequest paging, CancellationToken cancellationToken)
    {
        if (filter.IsEmpty)
        {
            var head = await chain.OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
            var top = head - paging.Skip;
            var bottom = top - paging.PageSize;
            var rows = await chain.AsNoTracking().Where(e => e.Sequence <= top && e.Sequence > bottom)
                .OrderByDescending(e => e.Sequence).ToListAsync(cancellationToken);
            return new AuditTrailPage(rows.Select(AuditEntryDto.From).ToList(), paging.Page, paging.PageSize, (int)Math.Min(head, int.MaxValue), TotalIsExact: true);
        }

        var query = chain.AsNoTracking();
        if (filter.RecordId is { } recordId)
        {
            query = query.Where(e => e.RecordId == recordId);
        }

        if (filter.Actor is { } actor)
        {
            query = query.Where(e => e.ActorId == actor);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= start);
        }

        // The last representable day has no next day to end before: it bounds nothing (and AddDays would throw).
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt < end);
        }

        var counted = await query.Take(MaxCounted + 1).CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Sequence).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new AuditTrailPage(items.Select(AuditEntryDto.From).ToList(), paging.Page, paging.PageSize, Math.Min(counted, MaxCounted), counted <= MaxCounted);
    }

    private static DateOnly? Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = ["A day is written yyyy-MM-dd."];
        return null;
    }
}
