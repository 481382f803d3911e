using IsmsCloud.BuildingBlocks.Audit;
using System.Linq.Expressions;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;

namespace IsmsCloud.Risk.Assets;

public enum AssetType
{
    Information,
    Service,
    System,
    Device,
    People,
    SupplierProvided,
    AiSystem,
}

public enum Classification
{
    Public,
    Internal,
    Confidential,
    Restricted,
}

/// <summary>
/// Something of value the ISMS protects. AI systems carry their AI attributes here, in the same register as every
/// other asset (rule 13), not in separate paperwork.
/// </summary>
public sealed class Asset : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public required string Name { get; set; }
    public AssetType Type { get; set; }
    public Classification Classification { get; set; }
    public required string Owner { get; set; }
    public bool InScope { get; set; } = true;
    public string? Description { get; set; }
    public string? AiModelProvider { get; set; }
    public string? AiDataUsed { get; set; }
    public bool AiAutomatedDecisions { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Rule 13's test of an AI asset: an AI system, or any asset that carries AI attributes. One expression for the
    /// entity and the list's <c>?ai=</c> filter (blank providers are stored as null, so a null check is the whole test).
    /// </summary>
    public static readonly Expression<Func<Asset, bool>> IsAiAsset =
        a => a.Type == AssetType.AiSystem || a.AiModelProvider != null || a.AiAutomatedDecisions;

    private static readonly Func<Asset, bool> IsAiCompiled = IsAiAsset.Compile();

    public bool IsAi => IsAiCompiled(this);
}
