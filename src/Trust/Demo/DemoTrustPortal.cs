using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Messaging;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Contracts.Events;
using IsmsCloud.Trust.Infrastructure;
using IsmsCloud.Trust.Profile;
using IsmsCloud.Trust.Scope;

namespace IsmsCloud.Trust.Demo;

/// <summary>
/// Development only (<c>Seed:DemoTrustPortal</c>, set in appsettings.Development.json): gives the demo tenants "acme"
/// and "calm" a switched-on portal and a published scope with exclusions when they are onboarded, so the portal can be
/// explored after the run command. Dated as their stories say (<see cref="DemoTimeline"/>: Acme's scope was published 17
/// months ago) and announced like any publication. The certificate is <see cref="TrustDemoStory"/>'s: it names the
/// Statement of Applicability, which trust-api learns of only after onboarding. Production never sets the flag.
/// </summary>
public sealed class DemoTrustPortal(TrustDbContext db, IConfiguration configuration)
{
    public void PopulateIfDemo(TenantOnboarded message, TrustProfile profile)
    {
        if (!configuration.GetValue<bool>("Seed:DemoTrustPortal") || DemoTenants.ScenarioOf(message.Slug) is not { } scenario)
        {
            return;
        }

        var timeline = new DemoTimeline(DateOnly.FromDateTime(message.OnboardedAt.UtcDateTime), scenario);
        profile.PortalEnabled = profile.ShowCertificates = profile.ShowScope = profile.ShowServices = profile.ShowDocuments = true;
        if (scenario == DemoScenario.Drifting)
        {
            profile.Summary = "Acme Cloud runs a managed file-transfer and backup service for mid-sized companies in Europe.";
            profile.SecurityContact = "security@acme.example";
            profile.PublicServices = ["Acme Transfer", "Acme Backup", "Acme Consulting"];
            Publish(new ScopeContent(
                "The information security management system for the development, operation and support of Acme Transfer and Acme Backup.",
                ["Acme Transfer", "Acme Backup"],
                ["Head office, Utrecht (NL)", "Hosting region eu-west (Frankfurt)"],
                ["Engineering", "Operations", "Customer support"],
                ["Production platform", "Source code and CI/CD", "Corporate identity provider"],
                [
                    new ScopeExclusion("Acme Consulting", "A separate business unit with its own staff and systems; not operated under this ISMS."),
                    new ScopeExclusion("Physical security of the Frankfurt data centre", "Provided by the hosting provider and covered by its own ISO/IEC 27001 certificate."),
                ]), timeline.ScopePublished);
        }
        else
        {
            profile.Summary = "Calm Systems makes an appointment-scheduling service for clinics and practices.";
            profile.SecurityContact = "security@calm.example";
            profile.PublicServices = ["Calm Scheduling"];
            Publish(new ScopeContent(
                "The information security management system for the development and operation of Calm Scheduling.",
                ["Calm Scheduling"],
                ["Remote-first; no offices", "Cloud region eu-central"],
                ["Engineering", "Customer success"],
                ["Production cloud account", "Source code and CI/CD"],
                [new ScopeExclusion("Physical security of the cloud provider's sites", "The provider's, covered by its own ISO/IEC 27001 certificate.")]),
                timeline.ScopePublished);
        }
    }

    private void Publish(ScopeContent content, DateOnly day)
    {
        var at = DemoTimeline.At(day);
        var scope = ScopeVersion.NewDraft(content, at.AddDays(-7));
        scope.Publish(1, ActorName.System, at);
        db.ScopeVersions.Add(scope);
        db.AddEvent(new ScopePublished(db.CurrentTenantId, scope.Id, 1, at, scope.PublishedBy!, content.IncludedServices.Count, content.Exclusions.Count));
    }
}
