using System.Net.Http.Json;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.IntegrationTests.Risk;
using IsmsCloud.Risk.Infrastructure;
using IsmsCloud.Risk.Reviews;
using IsmsCloud.Suppliers.Infrastructure;
using IsmsCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IsmsCloud.IntegrationTests.Suppliers;

/// <summary>Rule 13 across services: supplier-api's changes and conditional approvals become reviews and actions in risk-api.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SupplierRiskReviewTests(PlatformFixture platform)
{
    [Fact]
    public async Task AI_use_and_new_links_open_one_review_per_risk_and_conditions_become_one_action_per_risk_and_condition()
    {
        var tenant = await platform.SupplierTenantAsync("suprisk");
        using var suppliers = platform.SupplierApi(tenant.Tokens.AccessToken);
        using var risk = platform.RiskApi(tenant.Tokens.AccessToken);
        var first = (await risk.CreateRiskAsync("Customer data leaves the EU")).Id();
        var second = (await risk.CreateRiskAsync("Model outputs used unchecked")).Id();
        var unknown = Guid.CreateVersion7();

        var supplier = (await suppliers.CreateSupplierAsync("Model Vendor Ltd", "High")).Id();
        await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}", SupplierApiClient.SupplierBody("Model Vendor Ltd", riskIds: [first], version: 0)).OkJson();
        await RiskApiHandledAsync(supplier, 2);
        Assert.Empty(await ReviewsAsync(supplier)); // linked, but no AI use yet

        // AI use added: the linked risk is reviewed.
        await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}", SupplierApiClient.SupplierBody(
            "Model Vendor Ltd", aiModelProvider: "OpenAI", riskIds: [first, unknown], version: 1)).OkJson();
        await RiskApiHandledAsync(supplier, 3);
        var review = Assert.Single(await ReviewsAsync(supplier));
        Assert.Equal((ReviewSubject.Risk, first, "AI supplier: Model Vendor Ltd"), (review.Subject, review.SubjectId, review.Reason));

        // A newly linked risk is reviewed; the first keeps its one open review. Then it is resolved, and an unrelated
        // edit does not reopen it.
        await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}", SupplierApiClient.SupplierBody(
            "Model Vendor Ltd", aiModelProvider: "OpenAI", riskIds: [first, second], version: 2)).OkJson();
        await RiskApiHandledAsync(supplier, 4);
        Assert.Equal([first, second], (await ReviewsAsync(supplier)).Select(r => r.SubjectId).Order());
        await risk.PostAsJsonAsync($"/api/risk/reviews/{review.Id}/resolve", new { resolution = "Transfer impact assessment done" }).OkJson(System.Net.HttpStatusCode.NoContent);
        await suppliers.PutAsJsonAsync($"/api/suppliers/{supplier}", SupplierApiClient.SupplierBody(
            "Model Vendor Ltd", aiModelProvider: "OpenAI", riskIds: [first, second], services: ["Hosting", "Support"], version: 3)).OkJson();
        await RiskApiHandledAsync(supplier, 5);
        Assert.Equal(2, (await ReviewsAsync(supplier)).Count);

        await suppliers.AssessAsync(supplier, "ApprovedWithConditions");
        var actions = await Eventually.ReturnsAsync(() => ConditionActionsAsync(first, second), a => a.Count >= 2,
            because: "risk-api turns the condition into an action on each linked risk");
        await Eventually.ReturnsAsync(() => HandledAsync("SupplierConditionsRaised", supplier, nameof(SupplierConditionsRaisedConsumer)), n => n == 1,
            because: "the conditions message is handled once");
        actions = await ConditionActionsAsync(first, second);
        Assert.Equal([first, second], actions.Select(a => a.RiskId).Order());
        Assert.All(actions, a => Assert.Equal("Supplier condition (Model Vendor Ltd): Provide the SOC 2 bridge letter", a.Title));
        Assert.All(actions, a => Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(SupplierConditionsRaisedConsumer.DueDays), a.DueOn));
        Assert.All(actions, a => Assert.Equal(RiskApiClient.Owner, a.Owner));
    }

    private async Task RiskApiHandledAsync(Guid supplierId, int changes) =>
        await Eventually.ReturnsAsync(() => HandledAsync("SupplierChanged", supplierId, nameof(SupplierChangedConsumer)), n => n == changes,
            because: $"risk-api has handled the supplier's {changes} changes");

    /// <summary>How many of supplier-api's messages of the type about the supplier risk-api's consumer has handled.</summary>
    private async Task<int> HandledAsync(string eventType, Guid supplierId, string consumer)
    {
        List<Guid> ids;
        await using (var scope = platform.Suppliers.Services.CreateAsyncScope())
        {
            var idText = supplierId.ToString();
            ids = await scope.ServiceProvider.GetRequiredService<SupplierDbContext>().Set<OutboxMessage>().IgnoreQueryFilters()
                .Where(m => m.Type.StartsWith($"IsmsCloud.Contracts.Events.{eventType},") && m.Payload.Contains(idText)).Select(m => m.Id).ToListAsync();
        }

        await using var riskScope = platform.Risk.Services.CreateAsyncScope();
        return await riskScope.ServiceProvider.GetRequiredService<RiskDbContext>().InboxMessages.IgnoreQueryFilters()
            .CountAsync(m => ids.Contains(m.MessageId) && m.Consumer == consumer);
    }

    private async Task<List<ReviewTask>> ReviewsAsync(Guid supplierId)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RiskDbContext>().ReviewTasks.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CauseId == supplierId).ToListAsync();
    }

    private async Task<List<IsmsCloud.Risk.Treatment.TreatmentAction>> ConditionActionsAsync(params Guid[] riskIds)
    {
        await using var scope = platform.Risk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RiskDbContext>().TreatmentActions.IgnoreQueryFilters().AsNoTracking()
            .Where(a => riskIds.Contains(a.RiskId)).ToListAsync();
    }
}
