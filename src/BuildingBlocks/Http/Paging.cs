namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>One page of a list, with the total so a client can page through it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>The paging and search rules every list endpoint shares, reported field by field.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 200;

    /// <summary>The field errors of a list request, or an empty dictionary when it is valid.</summary>
    public static Dictionary<string, string[]> Validate(int page, int pageSize, string? search)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["The page must be 1 or more."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        if (search is { Length: > MaxSearchLength })
        {
            errors["search"] = [$"The search text must be at most {MaxSearchLength} characters."];
        }

        return errors;
    }
}
