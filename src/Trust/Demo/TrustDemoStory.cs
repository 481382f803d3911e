using IsmsCloud.BuildingBlocks.Demo;
using IsmsCloud.Trust.Certificates;
using IsmsCloud.Trust.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IsmsCloud.BuildingBlocks.Demo.DemoStep;

namespace IsmsCloud.Trust.Demo;

/// <summary>
/// trust-api's part of the demo stories (Development only): the ISO/IEC 27001 certificate, issued on
/// <see cref="DemoTimeline.CertificateIssued"/> for the scope <see cref="DemoTrustPortal"/> published and naming the
/// Statement of Applicability version 1 — which the certificate handler accepts only once trust-api has seen risk-api
/// publish it, so this part waits for that announcement. Added through the service's own handler on a
/// <see cref="ScriptedClock"/>, so the certificate and its event carry the day it was issued.
/// </summary>
public sealed class TrustDemoStory(TrustDbContext db) : IDemoStory
{
    public async Task<string?> WaitsForAsync(CancellationToken cancellationToken)
    {
        if (!await db.ScopeVersions.AnyAsync(s => s.PublishedAt != null, cancellationToken))
        {
            return "the portal's published scope";
        }

        return await db.Assurance.AnyAsync(a => a.SoaVersionNumber != null, cancellationToken) ? null : "risk-api's publication of the Statement of Applicability";
    }

    public Task<bool> IsToldAsync(CancellationToken cancellationToken) => db.Certificates.AnyAsync(cancellationToken);

    public async Task TellAsync(DemoScenario scenario, DemoTimeline timeline, CancellationToken cancellationToken)
    {
        var scope = await db.ScopeVersions.AsNoTracking().Where(s => s.PublishedAt != null).OrderByDescending(s => s.Number).FirstAsync(cancellationToken);
        var issued = timeline.CertificateIssued;
        var number = scenario == DemoScenario.Drifting ? "ISMS-ACME-0001" : "ISMS-CALM-0001";
        // Certified against the first SoA: it was published before the certification audit (DemoTimeline).
        var request = new SaveCertificateRequest(Certificate.Iso27001, "Example Certification B.V.", "RvA (Dutch Accreditation Council)", number,
            issued, issued.AddYears(3).AddDays(-1), CertificateStatus.Active, scope.Id, SoaVersionNumber: 1);
        Value<CertificateDto>(await CertificatesApi.CreateCertificate(request, db, new ScriptedClock(DemoTimeline.At(issued)), cancellationToken));
    }
}
