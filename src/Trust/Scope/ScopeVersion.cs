using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Trust.Scope;

public enum ScopeVersionStatus
{
    Draft,
    Published,
}

/// <summary>
/// One version of the ISMS scope statement. A tenant has at most one draft; publishing numbers it (1, 2, …) and
/// freezes it. A published version refuses every change here, and <see cref="Infrastructure.TrustDbContext"/>
/// refuses to save one that was changed some other way.
/// </summary>
public sealed class ScopeVersion : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public ScopeVersionStatus Status { get; private set; }
    /// <summary>Null while a draft; 1, 2, … in order of publication.</summary>
    public int? Number { get; private set; }
    public ScopeContent Content { get; private set; } = ScopeContent.Empty;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Who published it: the e-mail key (<see cref="ActorName.Key"/>), with the name beside it for display.</summary>
    public string? PublishedBy { get; private set; }
    [NotAudited]
    public string? PublishedByName { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsPublished => Status == ScopeVersionStatus.Published;

    public static ScopeVersion NewDraft(ScopeContent content, DateTimeOffset now) =>
        new() { Content = content, CreatedAt = now, UpdatedAt = now, Status = ScopeVersionStatus.Draft };

    public void Revise(ScopeContent content, DateTimeOffset now)
    {
        EnsureDraft();
        Content = content;
        UpdatedAt = now;
    }

    public void Publish(int number, ActorName publishedBy, DateTimeOffset now)
    {
        EnsureDraft();
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        Status = ScopeVersionStatus.Published;
        Number = number;
        (PublishedBy, PublishedByName) = publishedBy;
        PublishedAt = now;
        UpdatedAt = now;
    }

    private void EnsureDraft()
    {
        if (IsPublished)
        {
            throw new PublishedScopeIsImmutableException($"Scope version {Number} is published and cannot change.");
        }
    }
}

/// <summary>Something tried to change or delete a published scope version.</summary>
public sealed class PublishedScopeIsImmutableException : InvalidOperationException
{
    public PublishedScopeIsImmutableException(string message) : base(message) { }
    public PublishedScopeIsImmutableException() { }
    public PublishedScopeIsImmutableException(string message, Exception innerException) : base(message, innerException) { }
}
