using System.Text.Json;
using IsmsCloud.Reporting.Facts;
using IsmsCloud.Reporting.Signals;

namespace IsmsCloud.UnitTests.Reporting;

/// <summary>
/// Today's records kept up to date one fact at a time must be exactly the records built from every fact: the live
/// figures are computed from them, and a drift would show a figure that no recomputation of the day agrees with.
/// </summary>
public sealed class InEffectNowTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Facts_added_one_at_a_time_out_of_order_twice_and_deleted_give_the_records_built_from_all_of_them(int seed)
    {
        var random = new Random(seed);
        var risks = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var actions = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var controls = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var stream = new List<ParsedFact>();
        for (var i = 0; i < 300; i++)
        {
            var version = random.Next(1, 6);
            var deleted = random.Next(10) == 0;
            var at = Start.AddHours(random.Next(0, 500));
            stream.Add(random.Next(3) switch
            {
                0 => Fact(FactKind.Risk, risks[random.Next(risks.Length)], version, at, deleted ? null
                    : new RiskFact($"Risk v{version}", "o@example.com", "High", "Treat", at)),
                1 => Fact(FactKind.TreatmentAction, actions[random.Next(actions.Length)], version, at, deleted ? null
                    : new TreatmentActionFact(risks[random.Next(risks.Length)], $"Action v{version}", "o@example.com", DateOnly.FromDateTime(at.UtcDateTime), "Planned", null)),
                _ => Fact(FactKind.Control, controls[random.Next(controls.Length)], version, at, deleted ? null
                    : new ControlFact("A.8.8", $"Control v{version}", random.Next(2) == 0, "Implemented", "o@example.com", version * 30)),
            });
            // Events come twice.
            if (random.Next(5) == 0)
            {
                stream.Add(stream[^1]);
            }
        }

        // The first records are built whole, from the first ten facts; every later fact updates them.
        var facts = TenantFacts.Of(stream.Take(10));
        facts.InEffect();
        foreach (var fact in stream.Skip(10))
        {
            facts = facts.With(fact);
            AssertSame(FactsAsOf.From(facts.All, before: null), facts.InEffect().Records);
        }
    }

    private static void AssertSame(FactsAsOf expected, FactsAsOf actual)
    {
        Assert.Equal(expected.Risks, actual.Risks);
        Assert.Equal(expected.Actions, actual.Actions);
        Assert.Equal(expected.Controls, actual.Controls);
        Assert.Equal(expected.ControlHistory.Keys.Order(), actual.ControlHistory.Keys.Order());
        foreach (var (control, versions) in expected.ControlHistory)
        {
            Assert.Equal(versions, actual.ControlHistory[control]);
        }
    }

    private static ParsedFact Fact<T>(FactKind kind, Guid id, long version, DateTimeOffset at, T? state) where T : class =>
        ParsedFact.From(new Fact
        {
            // A deletion is a version beyond the record's states (1–5 here).
            Kind = kind, RecordId = id, Version = state is null ? version + 100 : version, EffectiveAt = at,
            Deleted = state is null, Data = state is null ? "" : JsonSerializer.Serialize(state, FactStore.Json),
        });
}
