namespace IsmsCloud.Audits.AccessReviews;

/// <summary>One campaign's facts as signal 4 reads them.</summary>
public sealed record CampaignFacts(CampaignStatus Status, DateOnly DueOn, int Items, int Decided, int Unverified);

/// <summary>
/// Signal 4 (SIGNALS.md), the one home of its definition in audit-api: drafts are ignored; campaigns, items, decided and
/// completion count the Open and Closed campaigns whose due date is in (D − 365, D]; overdue campaigns (Open, due
/// before D) and unverified revocations (Revoke or Modify not verified) count every campaign that is not cancelled.
/// </summary>
public static class AccessReviewCompletion
{
    public const int WindowDays = 365;

    public static AccessReviewSummaryDto Of(IEnumerable<CampaignFacts> campaigns, DateOnly asOf)
    {
        int count = 0, items = 0, decided = 0, overdue = 0, unverified = 0;
        foreach (var c in campaigns)
        {
            if (c.Status is CampaignStatus.Draft or CampaignStatus.Cancelled)
            {
                continue;
            }

            if (c.DueOn > asOf.AddDays(-WindowDays) && c.DueOn <= asOf)
            {
                count++;
                items += c.Items;
                decided += c.Decided;
            }

            if (c.Status == CampaignStatus.Open && c.DueOn < asOf)
            {
                overdue++;
            }

            unverified += c.Unverified;
        }

        return new AccessReviewSummaryDto(asOf, count, items, decided, items == 0 ? null : (double)decided / items, overdue, unverified);
    }
}
