namespace IsmsCloud.Web.Api;

/// <summary>One page of a list, as every IsmsCloud API returns it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);
