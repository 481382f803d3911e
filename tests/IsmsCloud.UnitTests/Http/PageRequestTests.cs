using IsmsCloud.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace IsmsCloud.UnitTests.Http;

/// <summary>The paging rules every list shares: the same field errors under the same camelCase keys, the same defaults.</summary>
public sealed class PageRequestTests
{
    [Fact]
    public void A_page_within_the_limits_is_valid()
    {
        Assert.Empty(new PageRequest().Validate());
        Assert.Empty(new PageRequest(3, PageRequest.MaxPageSize).Validate(new string('a', PageRequest.MaxSearchLength)));
    }

    [Fact]
    public void Each_field_out_of_its_limits_is_reported_under_its_query_name()
    {
        var errors = new PageRequest(0, PageRequest.MaxPageSize + 1).Validate(new string('a', PageRequest.MaxSearchLength + 1));

        Assert.Equal(["page", "pageSize", "search"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The page must be 1 or more."], errors["page"]);
        Assert.Equal(["The page size must be between 1 and 200."], errors["pageSize"]);
        Assert.Equal(["The search text must be at most 200 characters."], errors["search"]);
        Assert.True(new PageRequest(1, 0).Validate().ContainsKey("pageSize"));
    }

    [Theory]
    [InlineData("", 1, 50)]
    [InlineData("?page=3&pageSize=20", 3, 20)]
    [InlineData("?Page=2", 2, 50)]
    public async Task It_binds_from_the_query_string_with_the_defaults_of_every_list(string query, int page, int pageSize)
    {
        PageRequest? bound = null;
        var handler = RequestDelegateFactory.Create(([AsParameters] PageRequest paging) => { bound = paging; });
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.QueryString = new QueryString(query);

        await handler.RequestDelegate(http);

        Assert.Equal(new PageRequest(page, pageSize), bound);
    }

    [Fact]
    public async Task A_page_counts_the_whole_query_and_reads_only_its_rows()
    {
        using var store = new TestDb();
        var tenant = Guid.NewGuid();
        await using (var db = store.Context(tenant))
        {
            db.Notes.AddRange(Enumerable.Range(1, 5).Select(i => new Note { Code = $"n{i}" }));
            await db.SaveChangesAsync();
        }

        await using var reader = store.Context(tenant);
        var page = await reader.Notes.OrderBy(n => n.Code).ToPageAsync(new PageRequest(2, 2), default);
        var projected = await reader.Notes.OrderBy(n => n.Code).ToPageAsync(new PageRequest(3, 2), notes => notes.Select(n => n.Code), default);

        Assert.Equal(["n3", "n4"], page.Items.Select(n => n.Code));
        Assert.Equal((2, 2, 5), (page.Page, page.PageSize, page.TotalCount));
        Assert.Equal(["n5"], projected.Items);
        Assert.Equal(5, projected.TotalCount);
    }

    [Fact]
    public void A_page_of_items_keeps_its_position_when_mapped()
    {
        var page = new PagedResult<int>([1, 2], 2, 2, 5).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new[] { "1", "2" }, page.Items);
        Assert.Equal((2, 2, 5), (page.Page, page.PageSize, page.TotalCount));
    }
}
