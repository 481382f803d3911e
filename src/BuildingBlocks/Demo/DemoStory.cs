using IsmsCloud.BuildingBlocks.Members;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.Contracts.Events;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Demo;

/// <summary>The two stories the demo tenants tell (Development only, <c>Seed:DemoStory</c>).</summary>
public enum DemoScenario
{
    /// <summary>Acme Cloud: the seed's warning — certification evidence looks strong while exceptions age quietly.</summary>
    Drifting,

    /// <summary>Calm Systems: an ISMS that operates as it says; raises no failure pattern.</summary>
    Healthy,
}

/// <summary>Which onboarded tenant tells which story: identity-api onboards them, every service tells its part.</summary>
public static class DemoTenants
{
    public const string AcmeSlug = "acme";
    public const string CalmSlug = "calm";

    /// <summary>A demo member's e-mail, the same in identity-api's seed and every service's story: <c>owner@acme.example</c>.</summary>
    public static string Member(string slug, string who) => $"{who}@{slug}.example";

    public static string SlugOf(DemoScenario scenario) => scenario == DemoScenario.Drifting ? AcmeSlug : CalmSlug;

    /// <summary>
    /// Whether the service has heard of <paramref name="people"/> (identity-api announces members) in the tenant being
    /// told, whichever demo tenant it is: the service's data is the tenant's only.
    /// </summary>
    public static async Task<bool> MembersKnownAsync(ServiceDbContext db, IReadOnlyCollection<string> people, CancellationToken cancellationToken)
    {
        var known = await db.KnownMembers.Select(m => m.Email).ToListAsync(cancellationToken);
        return new[] { AcmeSlug, CalmSlug }.Any(slug => people.All(who => known.Contains(Member(slug, who))));
    }

    public static DemoScenario? ScenarioOf(string slug) => slug switch
    {
        AcmeSlug => DemoScenario.Drifting,
        CalmSlug => DemoScenario.Healthy,
        _ => null,
    };
}

/// <summary>
/// The dates the services' parts of a story agree on, counted back from the day the tenant was onboarded (every service
/// gets the same <see cref="TenantOnboarded.OnboardedAt"/>, so the parts agree even when told on different days).
/// Acme Cloud has 18 months of history: the ISMS starts, the scope and the SoA are published, an internal audit and a
/// management review, the certification audit and the certificate ten months ago, a second internal audit two months
/// ago, and the first surveillance audit still ahead. Calm Systems is younger (14 months) and went from its SoA to its
/// certificate in six weeks; its surveillance audit was held a fortnight ago.
/// </summary>
public sealed record DemoTimeline(DateOnly Today, DemoScenario Scenario)
{
    private bool Acme => Scenario == DemoScenario.Drifting;

    public DateOnly Start => Today.AddDays(Acme ? -540 : -420);
    public DateOnly ScopePublished => Today.AddDays(Acme ? -510 : -395);
    public DateOnly SoaPublished => Today.AddDays(Acme ? -480 : -390);
    public DateOnly FirstInternalAudit => Today.AddDays(Acme ? -440 : -385);
    public DateOnly ManagementReviewSigned => Today.AddDays(Acme ? -425 : -378);
    public DateOnly CertificationAudit => Today.AddDays(Acme ? -330 : -372);
    public DateOnly CertificateIssued => Acme ? Today.AddMonths(-10) : Today.AddDays(-350);
    public DateOnly SecondInternalAudit => Today.AddDays(-60);

    /// <summary>The first surveillance audit: still planned for Acme (in 40 days), held by Calm.</summary>
    public DateOnly SurveillanceAudit => Today.AddDays(Acme ? 40 : -16);

    /// <summary>The day <paramref name="daysAgo"/> days before today (negative: in the future).</summary>
    public DateOnly Day(int daysAgo) => Today.AddDays(-daysAgo);

    /// <summary>How many days before today <paramref name="day"/> is.</summary>
    public int DaysAgo(DateOnly day) => Today.DayNumber - day.DayNumber;

    /// <summary>A story's clock, at the start of its history; the story moves it step by step.</summary>
    public ScriptedClock StartClock() => new(At(Start));

    /// <summary>The moment <paramref name="day"/> at a working hour (so two things on one day keep their order).</summary>
    public static DateTimeOffset At(DateOnly day, int hour = 10, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
}

/// <summary>
/// A clock the story moves by hand: the services' own handlers and domain code run with it, so every record, version and
/// event is dated when the story says it happened, not when the seed ran.
/// </summary>
public sealed class ScriptedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves to <paramref name="day"/> at <paramref name="hour"/>; the story may go back as well as forward.</summary>
    public ScriptedClock At(DateOnly day, int hour = 10, int minute = 0)
    {
        _now = DemoTimeline.At(day, hour, minute);
        return this;
    }
}

/// <summary>One service's part of the demo stories.</summary>
public interface IDemoStory
{
    /// <summary>Null when the service can tell its part now; otherwise what it still waits for (members, the SoA…).</summary>
    Task<string?> WaitsForAsync(CancellationToken cancellationToken);

    /// <summary>Whether the current tenant already has this service's part (the seed is idempotent).</summary>
    Task<bool> IsToldAsync(CancellationToken cancellationToken);

    /// <summary>Tells the part through the service's own handlers, on a <see cref="ScriptedClock"/>. May save; runs in one transaction.</summary>
    Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken);
}

/// <summary>Raised while a story waits for something another service announces; the message is retried.</summary>
public sealed class DemoStoryNotReadyException(string reason) : Exception(reason);

/// <summary>A story tells its steps through the service's own endpoint handlers; this reads their answers.</summary>
public static class DemoStep
{
    /// <summary>The member directory a story checks people against: on the real clock, as members joined today, not in the story's past.</summary>
    public static MemberDirectory Members(ServiceDbContext db) => new(db, TimeProvider.System);

    /// <summary>The handler's answer when it accepted the step; a refusal ends the story (and its transaction) loudly.</summary>
    public static T Value<T>(INestedHttpResult answer) => answer.Result switch
    {
        Created<T> created => created.Value!,
        Ok<T> ok => ok.Value!,
        ValidationProblem problem => throw new InvalidOperationException(
            $"The demo story was refused ({typeof(T).Name}): {string.Join("; ", problem.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}"),
        ProblemHttpResult problem => throw new InvalidOperationException($"The demo story was refused ({typeof(T).Name}): {problem.ProblemDetails.Detail}"),
        var other => throw new InvalidOperationException($"The demo story was refused ({typeof(T).Name}): {other.GetType().Name}"),
    };
}

/// <summary>
/// Tells the service's part of a demo story when identity-api onboards a demo tenant: waits (by retrying the message)
/// until the service knows what the part needs, then tells it in one transaction, so a failure leaves nothing behind
/// and a second delivery finds it told.
/// </summary>
public sealed class DemoStoryConsumer(ServiceDbContext db, IDemoStory story, OutboxSignal outbox, TimeProvider clock, ILogger<DemoStoryConsumer> logger)
    : IConsumer<TenantOnboarded>
{
    public async Task Consume(ConsumeContext<TenantOnboarded> context)
    {
        var message = context.Message;
        if (DemoTenants.ScenarioOf(message.Slug) is not { } scenario)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        if (await story.WaitsForAsync(cancellationToken) is { } reason)
        {
            throw new DemoStoryNotReadyException($"The demo story of {message.Slug} waits for {reason}.");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var messageId = context.MessageId ?? throw new InvalidOperationException("A TenantOnboarded arrived without a message id.");
            if (await db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == nameof(DemoStoryConsumer), cancellationToken))
            {
                return;
            }

            // A redelivery or a second announcement of the tenant finds the story told and only marks the message seen.
            var told = await story.IsToldAsync(cancellationToken);
            if (!told)
            {
                await story.TellAsync(scenario, new DemoTimeline(DateOnly.FromDateTime(message.OnboardedAt.UtcDateTime), scenario), cancellationToken);
            }

            db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = nameof(DemoStoryConsumer), ProcessedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (told)
            {
                return;
            }
        }

        // Saves inside a transaction do not wake the relay (their rows were not visible yet): wake it now.
        outbox.Notify();
        logger.LogInformation("Told the {Scenario} demo story of {Slug}", scenario, message.Slug);
    }
}

/// <summary>The story waits for other services' announcements: a minute and a half of patient retries, then the error queue.</summary>
public sealed class DemoStoryConsumerDefinition : ConsumerDefinition<DemoStoryConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DemoStoryConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Interval(90, TimeSpan.FromSeconds(1)));
}

public static class DemoStoryExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TStory"/> and its consumer when <c>Seed:DemoStory</c> is on (Development's
    /// appsettings; never in Production). Call inside the service's messaging registration.
    /// </summary>
    public static void AddDemoStory<TStory>(this IBusRegistrationConfigurator bus, IHostApplicationBuilder builder)
        where TStory : class, IDemoStory
    {
        if (!builder.Configuration.GetValue<bool>("Seed:DemoStory"))
        {
            return;
        }

        builder.Services.AddScoped<IDemoStory, TStory>();
        bus.AddConsumer<DemoStoryConsumer, DemoStoryConsumerDefinition>();
    }
}
