using System.Text.Json;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Reporting.Signals;

/// <summary>
/// A tenant's figures for a day, from where SIGNALS.md says: live for today and later (a forecast from what is recorded
/// now), the stored snapshot for a past day that has one, and otherwise recomputed from the facts in effect then.
/// </summary>
public sealed class SignalsService(ReportingDbContext db, ITenantContext tenant, TenantFactsCache cache, TimeProvider clock)
{
    public DateOnly Today => clock.Today();

    /// <summary>The tenant's facts, parsed (from the facts cache when the database agrees).</summary>
    public Task<TenantFacts> LoadFactsAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(db, tenant.TenantId ?? throw new InvalidOperationException("The signals are read for a tenant."), cancellationToken);

    /// <summary>The figures of a day from a tenant's facts, with the records behind each signal; today's and later days' computed once per set of facts.</summary>
    public static SignalsResult Compute(TenantFacts facts, DateOnly day, DateOnly today) => day >= today
        ? facts.LiveWithRecords(day)
        : SignalCalculator.Compute(FactsAsOf.From(facts.All, day, today), day, SignalSources.Recomputed);

    /// <summary>The figures of one day as the API's JSON body: today's and later days' serialized once per set of facts.</summary>
    public async Task<byte[]> FiguresJsonAsync(DateOnly day, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var today = Today;
        return day >= today
            ? (await LoadFactsAsync(cancellationToken)).LiveJson(day, json)
            : JsonSerializer.SerializeToUtf8Bytes(await FiguresAsync(day, cancellationToken), json);
    }

    /// <summary>The figures of one day (patterns with their records).</summary>
    public async Task<SignalsDto> FiguresAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var today = Today;
        if (day < today && await SnapshotAsync(day, cancellationToken) is { } stored)
        {
            return stored;
        }

        var facts = await LoadFactsAsync(cancellationToken);
        return day >= today ? facts.Live(day) : Compute(facts, day, today).Figures;
    }

    /// <summary>A past day's figures recomputed from the facts, whether or not it has a snapshot (to check one, or a new definition against it).</summary>
    public async Task<SignalsDto> RecomputedAsync(DateOnly day, CancellationToken cancellationToken) =>
        Compute(await LoadFactsAsync(cancellationToken), day, Today).Figures;

    /// <summary>The records behind one signal on a day, always from the facts (the snapshot keeps figures, not records).</summary>
    public async Task<IReadOnlyList<SignalRecord>> RecordsAsync(string signal, DateOnly day, CancellationToken cancellationToken) =>
        Compute(await LoadFactsAsync(cancellationToken), day, Today).Records[signal];

    /// <summary>One entry per day from <paramref name="from"/> to <paramref name="to"/>, without records.</summary>
    public async Task<IReadOnlyList<SignalsDto>> TrendAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = Today;
        var snapshots = await db.SignalSnapshots.AsNoTracking().Where(s => s.Day >= from && s.Day <= to).ToDictionaryAsync(s => s.Day, cancellationToken);
        var days = new SortedDictionary<DateOnly, SignalsDto>();
        var missing = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (day < today && snapshots.TryGetValue(day, out var snapshot))
            {
                days[day] = WithoutRecords(Read(snapshot));
            }
            else
            {
                missing.Add(day);
            }
        }

        if (missing.Count > 0)
        {
            // Past days without a snapshot in one pass over the facts (a year of them is a tenant's rebuild); today and
            // later days are today's live figures.
            var facts = await LoadFactsAsync(cancellationToken);
            foreach (var figures in Recompute(facts, missing.Where(d => d < today).ToList(), today, cancellationToken))
            {
                days[figures.AsOf] = figures;
            }

            foreach (var day in missing.Where(d => d >= today))
            {
                days[day] = WithoutRecords(facts.Live(day));
            }
        }

        return days.Values.ToList();
    }

    /// <summary>Fewer days than this are not worth a sweep of their own: each sweep first builds its first day whole.</summary>
    private const int MinDaysPerSweep = 14;

    /// <summary>
    /// Past days' figures without records, recomputed from the facts unless this set of facts has computed them before
    /// (the review's 90-day trend, read again at each visit). The days to compute are cut into as many runs of
    /// consecutive days as there are cores, each swept on its own (a year's rebuild is CPU-bound, one core per run);
    /// within a run each day only adds the versions since the day before.
    /// </summary>
    public static SignalsDto[] Recompute(TenantFacts facts, IReadOnlyList<DateOnly> pastDays, DateOnly today, CancellationToken cancellationToken)
    {
        var remembered = new List<SignalsDto>();
        var toCompute = new List<DateOnly>();
        foreach (var day in pastDays.Order())
        {
            if (facts.TryGetPast(day, out var figures))
            {
                remembered.Add(figures);
            }
            else
            {
                toCompute.Add(day);
            }
        }

        var computed = Sweep(facts, toCompute, today, cancellationToken);
        foreach (var figures in computed)
        {
            facts.RememberPast(figures.AsOf, figures);
        }

        return [.. remembered.Concat(computed).OrderBy(f => f.AsOf)];
    }

    private static SignalsDto[] Sweep(TenantFacts facts, IReadOnlyList<DateOnly> ordered, DateOnly today, CancellationToken cancellationToken)
    {
        var result = new SignalsDto[ordered.Count];
        var sweeps = Math.Clamp(ordered.Count / MinDaysPerSweep, 1, Environment.ProcessorCount);
        var perSweep = (ordered.Count + sweeps - 1) / sweeps;
        Parallel.For(0, sweeps, new ParallelOptions { MaxDegreeOfParallelism = sweeps, CancellationToken = cancellationToken }, sweep =>
        {
            var first = sweep * perSweep;
            var index = first;
            foreach (var (day, inEffect) in FactsAsOf.EachDay(facts.All, ordered.Skip(first).Take(perSweep), today))
            {
                cancellationToken.ThrowIfCancellationRequested();
                result[index++] = WithoutRecords(SignalCalculator.Compute(inEffect, day, SignalSources.Recomputed, SignalDetail.Figures).Figures);
            }
        });
        return result;
    }

    private async Task<SignalsDto?> SnapshotAsync(DateOnly day, CancellationToken cancellationToken) =>
        await db.SignalSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Day == day, cancellationToken) is { } snapshot ? Read(snapshot) : null;

    internal static SignalsDto Read(SignalSnapshot snapshot) =>
        JsonSerializer.Deserialize<SignalsDto>(snapshot.Figures, FactStore.Json)! with { Source = SignalSources.Snapshot };

    public static SignalsDto WithoutRecords(SignalsDto figures) =>
        figures with { Patterns = figures.Patterns.Select(p => p with { Records = [] }).ToList() };
}
