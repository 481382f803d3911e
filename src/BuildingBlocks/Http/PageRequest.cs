using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>One page of a list, with the total so a client can page through it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    /// <summary>The same page with its items turned into what the response shows.</summary>
    public PagedResult<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, TotalCount);
}

/// <summary>
/// The page a list request asks for, bound from <c>?page=&amp;pageSize=</c> with <c>[AsParameters]</c>. The paging and
/// search limits every list endpoint shares live here, reported field by field.
/// </summary>
public sealed record PageRequest(
    [FromQuery(Name = "page")] int Page = 1,
    [FromQuery(Name = "pageSize")] int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 200;

    /// <summary>The field errors of the request (with the list's search text, when it has one); empty when valid.</summary>
    public Dictionary<string, string[]> Validate(string? search = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1)
        {
            errors["page"] = ["The page must be 1 or more."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"The page size must be between 1 and {MaxPageSize}."];
        }

        if (search is { Length: > MaxSearchLength })
        {
            errors["search"] = [$"The search text must be at most {MaxSearchLength} characters."];
        }

        return errors;
    }

    /// <summary>The rows before this page, for a query that pages itself.</summary>
    public int Skip => (Page - 1) * PageSize;
}

public static class PagingExtensions
{
    /// <summary>Counts the whole (ordered) query, then reads the requested page of it.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, request.Page, request.PageSize, total);
    }

    /// <summary>
    /// Counts the whole (ordered) query, then reads the requested page projected in SQL: the projection comes after
    /// the paging because EF cannot translate a filter or sort on what it constructs.
    /// </summary>
    public static async Task<PagedResult<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> ordered, PageRequest request, Func<IQueryable<T>, IQueryable<TOut>> project, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await project(ordered.Skip(request.Skip).Take(request.PageSize)).ToListAsync(cancellationToken);
        return new PagedResult<TOut>(items, request.Page, request.PageSize, total);
    }
}
