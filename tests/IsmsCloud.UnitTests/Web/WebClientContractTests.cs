using System.Reflection;
using IsmsCloud.Web.Api;

namespace IsmsCloud.UnitTests.Web;

/// <summary>
/// The web app talks to the services through Refit clients with its own copies of their DTOs and enums (decision 0012).
/// A property a service adds or renames, or an enum member it adds, must reach the copy too, or the workspace silently
/// drops the value (or fails the whole response, for an enum).
/// </summary>
public sealed class WebClientContractTests
{
    private static readonly Assembly BuildingBlocks = Assembly.Load("IsmsCloud.BuildingBlocks");

    private static IReadOnlyList<(Type Client, Assembly[] Service)> EveryClientType() =>
    [
        .. WebClientContract.TypesUsedBy(typeof(IRiskApi), Assembly.Load("IsmsCloud.Risk"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(ITrustApi), Assembly.Load("IsmsCloud.Trust"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IIdentityApi), Assembly.Load("IsmsCloud.Identity"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IAdminApi), Assembly.Load("IsmsCloud.Identity"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IMembersApi), Assembly.Load("IsmsCloud.Identity"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IIntegrationClientsApi), Assembly.Load("IsmsCloud.Identity"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IReportingApi), Assembly.Load("IsmsCloud.Reporting"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IsmsCloud.Web.Api.Suppliers.ISupplierApi), Assembly.Load("IsmsCloud.Suppliers"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IsmsCloud.Web.Api.ManagementReviews.IManagementReviewApi), Assembly.Load("IsmsCloud.Reporting"), BuildingBlocks),
        .. WebClientContract.TypesUsedBy(typeof(IAuditTrailApi), BuildingBlocks, Assembly.Load("IsmsCloud.Reporting")),
        .. WebClientContract.TypesUsedBy(typeof(IAuditProgrammeApi), Assembly.Load("IsmsCloud.Audits"), Assembly.Load("IsmsCloud.Contracts"), BuildingBlocks),
    ];

    [Fact]
    public void Every_web_client_copy_has_the_properties_and_enum_members_of_the_service_type_of_its_name()
    {
        var differences = WebClientContract.Differences(EveryClientType());

        Assert.True(differences.Count == 0, "The web client copies in src/Web/Api differ from the services:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void The_comparison_covers_the_dtos_and_enums_the_pages_use()
    {
        var compared = EveryClientType().Select(p => p.Client).ToHashSet();

        Assert.Contains(typeof(RiskDto), compared);
        Assert.Contains(typeof(RiskBand), compared);
        Assert.Contains(typeof(PagedResult<>), compared);
        Assert.Contains(typeof(ScopeWarning), compared);
        Assert.Contains(typeof(TenantDto), compared);
        Assert.Contains(typeof(RiskSummaryDto), compared);
        Assert.Contains(typeof(AuditEntryDto), compared);
        Assert.Contains(typeof(AuditBreakKind), compared);
        Assert.Contains(typeof(AuditHeadDto), compared);
        Assert.Contains(typeof(MemberDto), compared);
        Assert.Contains(typeof(InvitationDto), compared);
        Assert.Contains(typeof(InvitationStatus), compared);
        Assert.Contains(typeof(SentInvitationDto), compared);
        Assert.Contains(typeof(InviteMemberRequest), compared);
        Assert.Contains(typeof(ChangeMemberRequest), compared);
        Assert.Contains(typeof(IntegrationClientDto), compared);
        Assert.Contains(typeof(CreatedIntegrationClientDto), compared);
        Assert.Contains(typeof(CreateIntegrationClientRequest), compared);
        Assert.Contains(typeof(IncidentDetailDto), compared);
        Assert.Contains(typeof(AddLessonRequest), compared);
        Assert.Contains(typeof(IsmsCloud.Web.Api.Suppliers.SupplierDetailDto), compared);
        Assert.Contains(typeof(IsmsCloud.Web.Api.Suppliers.SentQuestionnaireDto), compared);
        Assert.Contains(typeof(IsmsCloud.Web.Api.ManagementReviews.ReviewDto), compared);
        Assert.Contains(typeof(IsmsCloud.Web.Api.ManagementReviews.ReviewInputs), compared);
        Assert.Contains(typeof(IsmsCloud.Web.Api.ManagementReviews.SaveDecisionRequest), compared);
    }

    [Fact]
    public void A_property_or_member_the_copy_lacks_or_names_differently_is_reported()
    {
        var server = typeof(WebClientContractTests).Assembly;

        var differences = WebClientContract.Differences(
        [
            (typeof(ClientCopies.SampleDto), [server]),
            (typeof(ClientCopies.SampleKind), [server]),
        ]);

        Assert.Equal(
        [
            "SampleDto: the web copy lacks renamed",
            "SampleDto.count: Int32 on the server, String in the web copy",
            "SampleDto: the server has no oldName",
            "SampleKind: the web copy lacks the member Added",
        ], differences);
    }
}

// The comparison's own test pairs these by name with the copies in ClientCopies.
public sealed record SampleDto(Guid Id, string Renamed, int Count, SampleKind Kind);

public enum SampleKind
{
    First,
    Added,
}

internal static class ClientCopies
{
    public sealed record SampleDto(Guid Id, string OldName, string Count, SampleKind Kind);

    public enum SampleKind
    {
        First,
    }
}
