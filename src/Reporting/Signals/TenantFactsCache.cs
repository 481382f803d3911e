using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IsmsCloud.Reporting.Signals;

public sealed class FactsCacheOptions
{
    /// <summary>How many facts, over all tenants, the cache keeps parsed in memory (about 450 bytes each with the cache's own structures); least recently used tenants go first.</summary>
    public long SizeLimit { get; set; } = 1_000_000;

    /// <summary>Off: every request loads and parses the tenant's facts (the benchmark's side-by-side baseline).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Every fact of a tenant, parsed, as one immutable value: readers compute from it while a consumer swaps in the next.
/// <see cref="Count"/> is the stamp the database is checked against.
/// </summary>
public sealed class TenantFacts
{
    public static readonly TenantFacts Empty = new(ImmutableList<ParsedFact>.Empty, ImmutableHashSet<(FactKind, Guid, long)>.Empty);

    private readonly ImmutableHashSet<(FactKind, Guid, long)> _keys;
    private LiveFigures? _live;

    /// <summary>The records in effect now, once a read has needed them; each set grown from this one then updates them by its one fact.</summary>
    private InEffectNow? _now;

    /// <summary>Past days' figures (without records) computed from this set, kept for the trend and the review's inputs.</summary>
    private ImmutableDictionary<DateOnly, SignalsDto> _past = ImmutableDictionary<DateOnly, SignalsDto>.Empty;

    private TenantFacts(ImmutableList<ParsedFact> all, ImmutableHashSet<(FactKind, Guid, long)> keys)
    {
        All = all;
        _keys = keys;
    }

    public ImmutableList<ParsedFact> All { get; }

    public int Count => All.Count;

    /// <summary>How many facts of the set were stored before <paramref name="instant"/>.</summary>
    public int CountReceivedBefore(DateTimeOffset instant) => All.Count(f => f.ReceivedAt < instant);

    /// <summary>The latest time a fact of the set was stored (null for none).</summary>
    public DateTimeOffset? LatestReceivedAt { get; private init; }

    public static TenantFacts Of(IEnumerable<ParsedFact> facts)
    {
        var list = facts.ToImmutableList();
        return new TenantFacts(list, list.Select(f => (f.Kind, f.RecordId, f.Version)).ToImmutableHashSet())
        {
            LatestReceivedAt = list.Count == 0 ? null : list.Max(f => f.ReceivedAt),
        };
    }

    /// <summary>This set with one more fact; itself when the fact is already in it (a reload read it first).</summary>
    public TenantFacts With(ParsedFact fact)
    {
        if (_keys.Contains((fact.Kind, fact.RecordId, fact.Version)))
        {
            return this;
        }

        var all = All.Add(fact);
        return new TenantFacts(all, _keys.Add((fact.Kind, fact.RecordId, fact.Version)))
        {
            LatestReceivedAt = LatestReceivedAt is { } latest && latest > fact.ReceivedAt ? latest : fact.ReceivedAt,
            _past = PastBefore(DateOnly.FromDateTime(fact.EffectiveAt.UtcDateTime)),
            _now = Volatile.Read(ref _now)?.With(fact, all),
        };
    }

    /// <summary>
    /// A past day's figures without records, if this set (or the one it grew from) has computed them. A past day D is
    /// computed from the facts in effect by the end of D only, so a fact that takes effect later leaves it true: a set
    /// grown by one fact keeps the days before the fact's, which for the usual fact (effective now) is every past day.
    /// </summary>
    public bool TryGetPast(DateOnly day, out SignalsDto figures) => Volatile.Read(ref _past).TryGetValue(day, out figures!);

    public void RememberPast(DateOnly day, SignalsDto figures) => ImmutableInterlocked.TryAdd(ref _past, day, figures);

    private ImmutableDictionary<DateOnly, SignalsDto> PastBefore(DateOnly effectiveDay)
    {
        var past = Volatile.Read(ref _past);
        return past.Keys.Any(day => day >= effectiveDay) ? past.RemoveRange(past.Keys.Where(day => day >= effectiveDay).ToList()) : past;
    }

    /// <summary>
    /// Today's (or a later day's) figures as <c>GET /signals</c> answers them, computed once per set of facts and day:
    /// the set is immutable, so a result stays true for as long as the set is the tenant's current one.
    /// </summary>
    public SignalsDto Live(DateOnly day) => LiveFor(day).Figures;

    /// <summary>The same figures with the records behind each signal (the drill-down), built the first time they are asked for.</summary>
    public SignalsResult LiveWithRecords(DateOnly day)
    {
        var live = LiveFor(day);
        return live.WithRecords ??= SignalCalculator.Compute(InEffect().Records, day, SignalSources.Live, SignalDetail.Records);
    }

    /// <summary>
    /// The same figures as the API's JSON body, serialized once per set and day: a large tenant's patterns list
    /// thousands of records (over a megabyte), and writing them anew for every read would cost more than the computing.
    /// </summary>
    public byte[] LiveJson(DateOnly day, JsonSerializerOptions json)
    {
        var live = LiveFor(day);
        return live.Json ??= JsonSerializer.SerializeToUtf8Bytes(live.Figures, json);
    }

    private LiveFigures LiveFor(DateOnly day)
    {
        if (Volatile.Read(ref _live) is { } live && live.Day == day)
        {
            return live;
        }

        live = new LiveFigures(day, SignalCalculator.Compute(InEffect().Records, day, SignalSources.Live, SignalDetail.Patterns).Figures);
        Volatile.Write(ref _live, live);
        return live;
    }

    /// <summary>The records in effect now (today's and later days' figures: every version counts).</summary>
    public InEffectNow InEffect()
    {
        if (Volatile.Read(ref _now) is { } now)
        {
            return now;
        }

        // Two readers may both build it the first time: either is the same.
        now = InEffectNow.Of(All);
        Volatile.Write(ref _now, now);
        return now;
    }

    private sealed record LiveFigures(DateOnly Day, SignalsDto Figures)
    {
        // Two readers may both build these the first time; either result is the same.
        public byte[]? Json { get; set; }

        public SignalsResult? WithRecords { get; set; }
    }
}

/// <summary>
/// Keeps each recently read tenant's facts parsed in memory, so that a request computes from memory instead of loading
/// and parsing every fact the tenant has (tens of thousands for a large tenant; issue 12's benchmark). Two ways keep it
/// true:
/// <list type="bullet">
/// <item>this instance's consumers hand over each fact they stored, after the commit (<see cref="Added"/>);</item>
/// <item>each read compares the tenant's number of facts in the database with the cached set's (facts are only ever
/// added, and removed all at once when a tenant is erased, so the number identifies the set). Fewer in memory — facts
/// stored by another instance, or by this one between its commit and the hand-over — load the tenant again. More in
/// memory are facts handed over after the count was read.</item>
/// </list>
/// A load takes a while for a large tenant (a second or two), and facts keep arriving meanwhile: those handed over
/// during the load are added to what it read, or every load would miss the latest ones and the next read would load
/// again, for as long as events keep coming.
/// </summary>
public sealed class TenantFactsCache(IOptions<FactsCacheOptions> options) : IDisposable
{
    /// <summary>How long a hand-over is kept for loads in progress; a load slower than this is simply checked again.</summary>
    private static readonly TimeSpan HandOverKept = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far before the newest fact held a catch-up reads: a fact's receive time is stamped before its commit, so one
    /// committed later than a newer one is still found. A commit slower than this only costs a whole load.
    /// </summary>
    private static readonly TimeSpan CatchUpWindow = TimeSpan.FromSeconds(10);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });
    private readonly Lock _gate = new();
    private readonly Queue<HandOver> _recent = new();
    private long _handOvers;

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// The tenant's facts (the tenant of <paramref name="db"/>'s scope), from memory when the database agrees; a load is
    /// kept for the next read unless <paramref name="keep"/> is false (the nightly snapshot of tenants nobody is reading).
    /// </summary>
    public async Task<TenantFacts> GetAsync(ReportingDbContext db, Guid tenantId, CancellationToken cancellationToken, bool keep = true)
    {
        if (!Enabled)
        {
            return await LoadAsync(db, cancellationToken);
        }

        var stored = await db.Facts.CountAsync(cancellationToken);
        if (_cache.TryGetValue(tenantId, out TenantFacts? cached) && (cached!.Count == stored || (stored > 0 && cached.Count > stored)))
        {
            return cached;
        }

        long mark;
        lock (_gate)
        {
            mark = _handOvers;
        }

        // Fewer in memory: usually facts committed a moment ago whose hand-over has not run yet, or another instance's.
        // Catch up from the newest held (a little further back, for commits that took a while); only if that does not account
        // for every fact is the tenant loaded whole. Two requests that find it stale at once both do it: harmless.
        TenantFacts? loaded = null;
        if (cached is { LatestReceivedAt: { } latest } && stored > cached.Count)
        {
            // Complete when the facts stored before the window are exactly the ones held from before it: everything
            // from the window on is read here. (Comparing with the count above would not do: at 50 events a second
            // more facts are committed between that count and this read, and every read would load the tenant whole.)
            // Whole microseconds, as PostgreSQL keeps them: a fact then falls on the same side in memory and in the database.
            var since = latest - CatchUpWindow;
            since = since.AddTicks(-(since.Ticks % 10));
            var olderStored = await db.Facts.CountAsync(f => f.ReceivedAt < since, cancellationToken);
            var caughtUp = cached;
            await foreach (var fact in db.Facts.AsNoTracking().Where(f => f.ReceivedAt >= since).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                caughtUp = caughtUp.With(ParsedFact.From(fact));
            }

            loaded = olderStored == cached.CountReceivedBefore(since) ? caughtUp : null;
        }

        loaded ??= await LoadAsync(db, cancellationToken);
        lock (_gate)
        {
            foreach (var handOver in _recent)
            {
                if (handOver.Number > mark && handOver.TenantId == tenantId)
                {
                    loaded = loaded.With(handOver.Fact);
                }
            }

            if (keep)
            {
                Store(tenantId, loaded);
            }
        }

        return loaded;
    }

    private static async Task<TenantFacts> LoadAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var facts = new List<ParsedFact>();
        await foreach (var fact in db.Facts.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            facts.Add(ParsedFact.From(fact));
        }

        return TenantFacts.Of(facts);
    }

    /// <summary>A fact this instance committed: added to the tenant's cached set, if the tenant is cached, and to loads in progress.</summary>
    public void Added(Guid tenantId, Fact fact)
    {
        if (!Enabled)
        {
            return;
        }

        var parsed = ParsedFact.From(fact);
        // Machine time, not the domain's TimeProvider: this is about how long a load takes.
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _recent.Enqueue(new HandOver(++_handOvers, tenantId, parsed, now));
            while (_recent.TryPeek(out var oldest) && Stopwatch.GetElapsedTime(oldest.At, now) > HandOverKept)
            {
                _recent.Dequeue();
            }

            if (_cache.TryGetValue(tenantId, out TenantFacts? cached))
            {
                Store(tenantId, cached!.With(parsed));
            }
        }
    }

    private void Store(Guid tenantId, TenantFacts facts) =>
        _cache.Set(tenantId, facts, new MemoryCacheEntryOptions { Size = Math.Max(1, facts.Count), SlidingExpiration = TimeSpan.FromHours(1) });

    public void Dispose() => _cache.Dispose();

    private sealed record HandOver(long Number, Guid TenantId, ParsedFact Fact, long At);
}
