using System.ComponentModel.DataAnnotations;
using IsmsCloud.Risk.Risks;

namespace IsmsCloud.Risk.Assets;

public sealed record SaveAssetRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    AssetType Type,
    Classification Classification,
    [property: Required, EmailAddress, StringLength(200)] string Owner,
    bool InScope = true,
    [property: StringLength(4000)] string? Description = null,
    [property: StringLength(200)] string? AiModelProvider = null,
    [property: StringLength(2000)] string? AiDataUsed = null,
    bool AiAutomatedDecisions = false,
    [property: Range(0, uint.MaxValue)] long Version = 0);

public sealed record AssetDto(
    Guid Id, string Name, AssetType Type, Classification Classification, string Owner, bool InScope, string? Description,
    string? AiModelProvider, string? AiDataUsed, bool AiAutomatedDecisions, bool IsAi, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AssetDto From(Asset a) => new(a.Id, a.Name, a.Type, a.Classification, a.Owner, a.InScope, a.Description,
        a.AiModelProvider, a.AiDataUsed, a.AiAutomatedDecisions, a.IsAi, a.Version, a.CreatedAt, a.UpdatedAt);
}

public sealed record AssetDetailDto(AssetDto Asset, IReadOnlyList<LinkedRecord> Risks);

public enum AssetSort
{
    Name,
    Newest,
    Classification,
}
