using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IsmsCloud.BuildingBlocks.Messaging;

/// <summary>
/// An integration event waiting to be published, stored in the same transaction as the change it describes.
/// Its Id becomes the message id on the bus, which is what lets the inbox recognise a re-published duplicate.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    /// <summary>"Namespace.Type, Assembly": resolvable without the version, so a redeploy can still publish old rows.</summary>
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public Guid? TenantId { get; init; }
    /// <summary>W3C trace parent of the request that caused the event, so the publish joins the same trace.</summary>
    public string? TraceParent { get; init; }
    public DateTime OccurredAtUtc { get; init; }
    public DateTime? SentAtUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>Null while the row waits its turn; set (far ahead) only when the row is parked as unpublishable.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }

    public static OutboxMessage From<TEvent>(TEvent integrationEvent, DateTime occurredAtUtc) where TEvent : class
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(integrationEvent, type, OutboxJson.Options),
            TenantId = (integrationEvent as Contracts.Events.ITenantEvent)?.TenantId,
            TraceParent = Activity.Current?.Id,
            OccurredAtUtc = occurredAtUtc,
        };
    }

    public (object Message, Type MessageType) Deserialize()
    {
        var type = System.Type.GetType(Type, throwOnError: true)!;
        var message = JsonSerializer.Deserialize(Payload, type, OutboxJson.Options)
            ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");
        return (message, type);
    }
}

internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Type).HasMaxLength(300);
        builder.Property(m => m.TraceParent).HasMaxLength(128);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The relay's query: unsent rows in the order they happened.
        builder.HasIndex(m => new { m.SentAtUtc, m.OccurredAtUtc });
    }
}

/// <summary>Adds the outbox table to a DbContext that does not derive from ServiceDbContext (identity's).</summary>
public static class OutboxModelExtensions
{
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());

    /// <summary>
    /// Queues an integration event in any DbContext with an outbox; the next SaveChanges stores it in the same
    /// transaction as the change, and the relay publishes it afterwards.
    /// </summary>
    public static void AddEvent<TEvent>(this DbContext db, TEvent integrationEvent) where TEvent : class =>
        db.Set<OutboxMessage>().Add(OutboxMessage.From(integrationEvent, ClockOf(db).GetUtcNow().UtcDateTime));

    // The application's clock (the one the relay compares with), found through the service provider the context was
    // registered in; a context made by hand (design time, unit tests) has none and uses the system's.
    private static TimeProvider ClockOf(DbContext db) => Persistence.ApplicationServices.Find<TimeProvider>(db) ?? TimeProvider.System;
}
