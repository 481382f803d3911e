using IsmsCloud.Contracts;
using IsmsCloud.Risk.Access;
using IsmsCloud.Risk.Evidence;
using IsmsCloud.Risk.Exceptions;
using IsmsCloud.Risk.Incidents;
using IsmsCloud.Risk.Soa;

namespace IsmsCloud.UnitTests.Risk;

/// <summary>Rules 4–7: the SoA catalogue, evidence staleness, exception discipline and the incident closing rule.</summary>
public sealed class ControlRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_soa_catalogue_is_the_93_annex_a_controls_in_four_themes()
    {
        var controls = AnnexACatalogue.Controls;

        Assert.Equal(93, controls.Count);
        Assert.Equal(93, controls.Select(c => c.Reference).Distinct().Count());
        var byTheme = controls.GroupBy(c => c.Theme).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(37, byTheme[ControlTheme.Organizational]);
        Assert.Equal(8, byTheme[ControlTheme.People]);
        Assert.Equal(14, byTheme[ControlTheme.Physical]);
        Assert.Equal(34, byTheme[ControlTheme.Technological]);
        Assert.Equal("Monitoring, review and change management of supplier services", controls.Single(c => c.Reference == "A.5.22").Title);
        Assert.All(controls, c => Assert.False(string.IsNullOrWhiteSpace(c.Guidance)));
        // Clause order: A.5.9 before A.5.10, A.5.37 before A.6.1.
        Assert.True(AnnexACatalogue.SortKey("A.5.9") < AnnexACatalogue.SortKey("A.5.10"));
        Assert.True(AnnexACatalogue.SortKey("A.5.37") < AnnexACatalogue.SortKey("A.6.1"));
    }

    [Fact]
    public void Publishing_the_soa_is_refused_while_a_control_is_undecided_and_otherwise_freezes_every_control()
    {
        var decided = new Control { Reference = "A.5.1", Title = "Policies", Applicable = true, Justification = "Needed", ImplementationStatus = ImplementationStatus.Implemented };
        var excluded = new Control { Reference = "A.7.1", Title = "Perimeters", Applicable = false, Justification = "No offices" };
        var undecided = new Control { Reference = "A.8.8", Title = "Vulnerabilities", Applicable = true, Justification = " " };

        var (refused, errors) = SoaVersion.Publish([decided, excluded, undecided], 1, "manager@acme.example", Now, null);
        Assert.Null(refused);
        Assert.Contains("1 control(s)", errors["controls"][0], StringComparison.Ordinal);
        Assert.Contains("A.8.8", errors["controls"][0], StringComparison.Ordinal);
        Assert.Equal("The SoA has no controls.", SoaVersion.Publish([], 1, "manager@acme.example", Now, null).Errors["controls"][0]);

        var (version, none) = SoaVersion.Publish([decided, excluded], 3, "manager@acme.example", Now, "Annual review");
        Assert.Empty(none);
        Assert.Equal((3, 2, 1, 1), (version!.Number, version.ControlCount, version.ApplicableCount, version.ImplementedCount));
        Assert.Equal(["A.5.1", "A.7.1"], version.Entries.Select(e => e.Reference));
        decided.Justification = "Changed after publishing";
        Assert.Equal("Needed", version.Entries[0].Justification);
    }

    [Theory]
    [InlineData(90, -90, EvidenceFreshness.Fresh)]   // coverage ended exactly one cadence ago
    [InlineData(90, -91, EvidenceFreshness.Stale)]   // one day more
    [InlineData(30, 0, EvidenceFreshness.Fresh)]
    [InlineData(30, -200, EvidenceFreshness.Stale)]
    public void Evidence_is_stale_when_its_newest_coverage_ended_more_than_one_cadence_ago(int cadence, int coversToInDays, EvidenceFreshness expected) =>
        Assert.Equal(expected, EvidenceFreshnessRule.Evaluate(cadence, Today.AddDays(coversToInDays), Today));

    [Fact]
    public void Freshness_follows_the_period_covered_not_the_upload_date_and_no_cadence_needs_none()
    {
        // Uploaded today, but covering last year: still stale.
        var coversTo = Today.AddDays(-365);
        Assert.Equal(EvidenceFreshness.Stale, EvidenceFreshnessRule.Evaluate(90, coversTo, Today));
        Assert.Equal(EvidenceFreshness.Missing, EvidenceFreshnessRule.Evaluate(90, null, Today));
        Assert.Equal(EvidenceFreshness.NotRequired, EvidenceFreshnessRule.Evaluate(null, null, Today));
    }

    private static ControlException Requested(string requester = "requester@acme.example") => new()
    {
        ControlId = Guid.NewGuid(), RiskId = Guid.NewGuid(), AffectedScope = "Legacy ERP", Reason = "Vendor does not support MFA yet",
        CompensatingControls = "IP allow-list", RequestedBy = requester, RequestedAt = Now, RequestedExpiresOn = Today.AddDays(90),
    };

    private static Actor Approver(string email = "approver@acme.example") => new(email, email, [IsmsRoles.Approver]);

    [Fact]
    public void The_requester_cannot_approve_their_own_exception_and_expiry_is_at_most_180_days()
    {
        var exception = Requested();
        var selfApproval = exception.CheckGrant(new Actor("requester@acme.example", "r", [IsmsRoles.Approver]), Today.AddDays(30), Today, 180, renewal: false);
        Assert.Contains("segregation of duties", selfApproval.ForbiddenBecause, StringComparison.Ordinal);

        Assert.True(exception.CheckGrant(Approver(), Today.AddDays(180), Today, 180, renewal: false).IsAllowed);
        Assert.True(exception.CheckGrant(Approver(), Today.AddDays(181), Today, 180, renewal: false).Errors.ContainsKey("expiresOn"));
        Assert.True(exception.CheckGrant(Approver(), Today, Today, 180, renewal: false).Errors.ContainsKey("expiresOn"));
        Assert.True(exception.CheckGrant(new Actor("m@acme.example", "m", [IsmsRoles.IsmsManager]), Today.AddDays(30), Today, 180, renewal: false).IsForbidden);
        // A requested exception is approved, not renewed.
        Assert.True(exception.CheckGrant(Approver(), Today.AddDays(30), Today, 180, renewal: true).Errors.ContainsKey("status"));
    }

    [Fact]
    public void An_exception_renewed_twice_is_permanent()
    {
        var exception = Requested();
        exception.Grant("approver@acme.example", Today.AddDays(90), Now, null);
        Assert.False(exception.IsPermanent(Today));

        exception.Renew("approver@acme.example", Today.AddDays(180), Now.AddDays(85), null);
        Assert.Equal(1, exception.RenewalCount);
        Assert.False(exception.IsPermanent(Today.AddDays(85)));

        exception.Renew("approver@acme.example", Today.AddDays(260), Now.AddDays(175), null);
        Assert.Equal(2, exception.RenewalCount);
        Assert.True(exception.IsPermanent(Today.AddDays(175)));
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(exception.FirstGrantedAt!.Value.UtcDateTime));
    }

    [Fact]
    public void An_exception_older_than_365_days_since_first_grant_is_permanent_without_renewals()
    {
        var exception = Requested();
        exception.Grant("approver@acme.example", Today.AddDays(90), Now, null);

        Assert.Equal(365, exception.AgeDays(Today.AddDays(365)));
        Assert.False(exception.IsPermanent(Today.AddDays(365)));
        Assert.True(exception.IsPermanent(Today.AddDays(366)));
    }

    [Fact]
    public void An_approved_exception_is_due_to_expire_the_day_after_its_last_day()
    {
        var exception = Requested();
        exception.Grant("approver@acme.example", Today.AddDays(10), Now, null);

        Assert.False(exception.IsDueToExpire(Today.AddDays(10)));
        Assert.True(exception.IsDueToExpire(Today.AddDays(11)));
        exception.Expire(Now.AddDays(11));
        Assert.Equal(ExceptionStatus.Expired, exception.Status);
        Assert.True(exception.CheckGrant(Approver(), Today.AddDays(40), Today.AddDays(11), 180, renewal: true).IsAllowed);
    }

    [Fact]
    public void The_lists_permanent_filter_is_the_entitys_rule_and_its_negation()
    {
        var young = Requested();
        young.Grant("approver@acme.example", Today.AddDays(90), Now, null);
        var renewedTwice = Requested();
        renewedTwice.Grant("approver@acme.example", Today.AddDays(90), Now, null);
        renewedTwice.Renew("approver@acme.example", Today.AddDays(120), Now.AddDays(1), null);
        renewedTwice.Renew("approver@acme.example", Today.AddDays(150), Now.AddDays(2), null);
        var neverGranted = Requested();
        var all = new[] { young, renewedTwice, neverGranted }.AsQueryable();

        Guid[] Permanent(DateOnly day, bool met = true) => all.Where(ControlException.Permanent.On(day, met)).Select(e => e.Id).ToArray();

        Assert.Equal([renewedTwice.Id], Permanent(Today.AddDays(365)));
        Assert.Equal([young.Id, renewedTwice.Id], Permanent(Today.AddDays(366)));
        Assert.Equal([young.Id, neverGranted.Id], Permanent(Today.AddDays(365), met: false));
        Assert.All(all, e => Assert.Equal(Permanent(Today.AddDays(366)).Contains(e.Id), e.IsPermanent(Today.AddDays(366))));
    }

    [Fact]
    public void The_requester_cannot_reject_their_own_exception_and_only_the_requester_or_a_manager_closes_it()
    {
        var exception = Requested();
        var requester = new Actor("requester@acme.example", "r", [IsmsRoles.Approver, IsmsRoles.RiskOwner]);

        Assert.True(exception.CheckReject(requester).IsForbidden);
        Assert.True(exception.CheckReject(Approver()).IsAllowed);
        Assert.True(exception.CheckClose(Approver()).IsForbidden);
        Assert.True(exception.CheckClose(requester).IsAllowed);

        exception.Reject("approver@acme.example", Now, null);
        Assert.True(exception.CheckReject(Approver()).Errors.ContainsKey("status"));
        Assert.True(exception.CheckClose(new Actor("m@acme.example", "m", [IsmsRoles.IsmsManager])).Errors.ContainsKey("status"));
    }

    [Fact]
    public void Only_who_reported_an_incident_or_a_manager_changes_or_closes_it_and_a_closed_one_stays_closed()
    {
        var incident = new Incident { Title = "Phishing", ReportedBy = "r@acme.example", OccurredAt = Now, DetectedAt = Now };
        incident.RecordResolution(Now.AddHours(1));
        var someoneElse = new Actor("o@acme.example", "o", [IsmsRoles.RiskOwner]);
        var manager = new Actor("m@acme.example", "m", [IsmsRoles.IsmsManager]);

        Assert.True(incident.CheckRevise(someoneElse).IsForbidden);
        Assert.True(incident.CheckClose(someoneElse, "No control of ours").IsForbidden);
        Assert.True(incident.CheckClose(manager, "  Outage at the provider ").IsAllowed);

        incident.Close("  Outage at the provider ", Now.AddHours(2));
        Assert.Equal((IncidentStatus.Closed, "Outage at the provider", Now.AddHours(2)), (incident.Status, incident.NoControlReason, incident.ClosedAt!.Value));
        Assert.True(incident.CheckRevise(manager).Errors.ContainsKey("status"));
        Assert.True(incident.CheckClose(manager, "again").Errors.ContainsKey("status"));
    }

    [Fact]
    public void Incident_links_are_synced_to_exactly_what_was_sent()
    {
        var incident = new Incident { Title = "Phishing", ReportedBy = "r@acme.example", OccurredAt = Now, DetectedAt = Now };
        var (kept, dropped, added) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        incident.SyncControls([(kept, ControlRole.Failed), (dropped, ControlRole.Helped)]);
        incident.SyncRisks([kept, dropped]);

        incident.SyncControls([(kept, ControlRole.Helped), (added, ControlRole.Failed)]);
        incident.SyncRisks([kept, added]);

        Assert.Equal([(kept, ControlRole.Helped), (added, ControlRole.Failed)], incident.ControlLinks.Select(l => (l.ControlId, l.Role)));
        Assert.Equal([kept, added], incident.RiskLinks.Select(l => l.RiskId));
        Assert.False(incident.LinkRisk(kept));
        Assert.True(incident.LinkRisk(dropped));
    }

    [Fact]
    public void Closing_an_incident_needs_a_linked_control_or_a_reason_why_none_applies()
    {
        var incident = new Incident { Title = "Phishing", ReportedBy = "r@acme.example", OccurredAt = Now, DetectedAt = Now };
        incident.RecordResolution(Now.AddHours(3));
        var reporter = new Actor("r@acme.example", "r", [IsmsRoles.RiskOwner]);

        Assert.True(incident.CheckClose(reporter, null).Errors.ContainsKey("noControlReason"));
        Assert.True(incident.CheckClose(reporter, "   ").Errors.ContainsKey("noControlReason"));
        Assert.True(incident.CheckClose(reporter, "Outage at the hosting provider; no control of ours was involved").IsAllowed);

        incident.SyncControls([(Guid.NewGuid(), ControlRole.Failed)]);
        Assert.True(incident.CheckClose(reporter, null).IsAllowed);

        incident.RecordResolution(null);
        Assert.True(incident.CheckClose(reporter, null).Errors.ContainsKey("resolvedAt"));
    }

    [Fact]
    public void Incident_times_must_follow_each_other()
    {
        Assert.True(IncidentRules.CheckTimes(Now, Now.AddHours(-1), null, Now).ContainsKey("detectedAt"));
        Assert.True(IncidentRules.CheckTimes(Now.AddHours(-5), Now.AddHours(-4), Now.AddHours(-6), Now).ContainsKey("resolvedAt"));
        Assert.True(IncidentRules.CheckTimes(Now.AddDays(1), Now.AddDays(1), null, Now).ContainsKey("occurredAt"));
        Assert.Empty(IncidentRules.CheckTimes(Now.AddHours(-5), Now.AddHours(-4), Now.AddHours(-1), Now));
    }
}
