using System.Security.Claims;
using IsmsCloud.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace IsmsCloud.Web.Components;

/// <summary>
/// What every list page needs: the signed-in user for its role checks, the problem to show in its
/// <see cref="Shared.ProblemAlert"/>, and loading the list through <see cref="ApiCaller"/>. A list the API pages goes
/// into a MudTable with <c>@ref="Table" ServerData="LoadPageAsync"</c>; a short list is loaded whole into
/// <see cref="Items"/> with <see cref="LoadItemsAsync"/>.
/// </summary>
public abstract class ListPageBase<TItem> : ComponentBase
{
    /// <summary>The largest page the APIs serve (BuildingBlocks' Paging.MaxPageSize): a list loaded whole is one page.</summary>
    protected const int LargestPage = 200;

    private ApiProblem? problemOfLastLoad;
    private Task<AuthenticationState>? userShown;

    [Inject] protected ApiCaller Api { get; private set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected ClaimsPrincipal CurrentUser { get; private set; } = new();

    /// <summary>
    /// The problem the page shows. A load that succeeds clears only the problem of an earlier load, so what went wrong
    /// with an action stays on screen after the reload that follows it.
    /// </summary>
    protected ApiProblem? Problem { get; set; }

    protected bool Loading { get; private set; }

    /// <summary>The list loaded whole by <see cref="LoadItemsAsync"/>; a paged table keeps its own rows.</summary>
    protected IReadOnlyList<TItem> Items { get; private set; } = [];

    protected MudTable<TItem>? Table { get; set; }

    /// <summary>One page of the list as the API answers it; a page that loads its list whole may ignore the paging.</summary>
    protected abstract Task<PagedResult<TItem>> FetchAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>The page's own start-up, once <see cref="CurrentUser"/> is known.</summary>
    protected virtual Task OnPageInitializedAsync() => Task.CompletedTask;

    /// <summary>Sees every list the API answered before it is shown.</summary>
    protected virtual void OnLoaded(IReadOnlyList<TItem> items)
    {
    }

    protected sealed override async Task OnInitializedAsync()
    {
        await ReadUserAsync();
        await OnPageInitializedAsync();
    }

    /// <summary>
    /// A role an admin changed reaches the open page with the next refresh of the sign-in (a new authentication
    /// state), so its buttons follow it without a reload.
    /// </summary>
    protected override Task OnParametersSetAsync() => ReferenceEquals(userShown, AuthenticationState) ? Task.CompletedTask : ReadUserAsync();

    private async Task ReadUserAsync()
    {
        userShown = AuthenticationState;
        if (AuthenticationState is not null)
        {
            CurrentUser = (await AuthenticationState).User;
        }
    }

    protected async Task<TableData<TItem>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(ct => FetchAsync(state.Page + 1, state.PageSize, ct), cancellationToken);
        return result is null
            ? new TableData<TItem> { Items = [], TotalItems = 0 }
            : new TableData<TItem> { Items = result.Items, TotalItems = result.TotalCount };
    }

    protected async Task LoadItemsAsync()
    {
        var result = await LoadAsync(ct => FetchAsync(1, LargestPage, ct), CancellationToken.None);
        Items = result?.Items ?? [];
    }

    protected Task ReloadAsync() => Table is null ? LoadItemsAsync() : Table.ReloadServerData();

    /// <summary>A new search, filter or order shows its first page.</summary>
    protected async Task ReloadFromFirstPageAsync()
    {
        if (Table is null)
        {
            return;
        }

        // Reloading after NavigateTo is safe even if NavigateTo loaded too: the table cancels the earlier request
        // (LoadPageAsync's token) and keeps the last answer.
        Table.NavigateTo(0);
        await Table.ReloadServerData();
    }

    private async Task<PagedResult<TItem>?> LoadAsync(Func<CancellationToken, Task<PagedResult<TItem>>> fetch, CancellationToken cancellationToken)
    {
        Loading = true;
        var result = await Api.RunAsync(fetch, cancellationToken);
        Loading = false;

        // The table cancels a load that a newer one replaced: nothing went wrong.
        if (result.Problem is { IsCancelled: true })
        {
            return null;
        }

        if (!result.Succeeded)
        {
            Problem = problemOfLastLoad = result.Problem;
            return null;
        }

        if (ReferenceEquals(Problem, problemOfLastLoad))
        {
            Problem = null;
        }

        problemOfLastLoad = null;
        OnLoaded(result.Value.Items);
        return result.Value;
    }
}
