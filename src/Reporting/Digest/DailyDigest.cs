using System.Diagnostics;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.BuildingBlocks.Time;
using IsmsCloud.Reporting.Infrastructure;
using IsmsCloud.Reporting.Signals;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IsmsCloud.Reporting.Digest;

public sealed class DigestOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The digests of a day go out once the UTC clock has passed this hour (06:00 by default: before the working day in Europe).</summary>
    public int SendFromHourUtc { get; set; } = 6;

    /// <summary>How often the job looks for tenants whose digests of today are not written yet.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The workspace's address, for the links in a digest (the gateway's public URL).</summary>
    public Uri WorkspaceUrl { get; set; } = new("http://localhost:8080/");

    public DigestSmtpOptions Smtp { get; set; } = new();
}

/// <summary>Mail is sent only when a host is set; without one, each digest is written to the log (and recorded) only.</summary>
public sealed class DigestSmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "IsmsCloud <no-reply@isms.local>";
}

/// <summary>
/// One member's digest of one day, once written (logged, and mailed when SMTP is configured): the key makes it once per
/// member and day, whichever instance writes it, so a restart or a second replica never sends a digest twice.
/// </summary>
public sealed class DigestDelivery : ITenantOwned, IImmutableRecord
{
    public Guid TenantId { get; set; }
    public DateOnly Day { get; init; }
    public required string Email { get; init; }
    public int Items { get; init; }
    public int Overdue { get; init; }
    public bool Mailed { get; init; }
    public DateTimeOffset DeliveredAt { get; init; }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.ToTable("DigestDeliveries");
        builder.HasKey(d => new { d.TenantId, d.Day, d.Email });
        builder.Property(d => d.Email).HasMaxLength(320);
    }
}

/// <summary>Hands a digest to its reader: by mail when SMTP is configured; the log line is written either way.</summary>
public interface IDigestSender
{
    /// <summary>Returns whether it was mailed.</summary>
    Task<bool> SendAsync(DigestMessage message, CancellationToken cancellationToken);
}

public sealed class SmtpDigestSender(IOptions<DigestOptions> options) : IDigestSender
{
    public async Task<bool> SendAsync(DigestMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return false;
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return true;
    }
}

/// <summary>
/// Writes every tenant's digests of today, once the send hour has passed: for each active member with something
/// overdue or due soon (<see cref="WorkDigest"/>), one log line and, with SMTP configured, one mail; each recorded in
/// <see cref="DigestDelivery"/> after it went out. A member whose mail failed is tried again at the next check.
/// </summary>
public sealed class DailyDigest(
    IServiceScopeFactory scopes, TenantFactsCache cache, IDigestSender sender, TimeProvider clock, IOptions<DigestOptions> options, ILogger<DailyDigest> logger)
{
    public const string Job = "reporting-daily-digest";

    /// <summary>Today's digests for every known tenant, unless the send hour has not come; returns how many went out.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().Hour < options.Value.SendFromHourUtc)
        {
            return 0;
        }

        List<Guid> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ReportingDbContext>().KnownTenants.AsNoTracking()
                .Select(t => t.TenantId).ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var tenantId in tenants)
        {
            sent += await RunForTenantAsync(tenantId, cancellationToken);
        }

        return sent;
    }

    /// <summary>One tenant's digests of today that are not written yet; returns how many went out now.</summary>
    public async Task<int> RunForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var delivered = (await db.DigestDeliveries.AsNoTracking().Where(d => d.Day == today).Select(d => d.Email).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Not kept in the cache: a daily pass over every tenant would otherwise fill it with tenants nobody reads.
        var facts = await cache.GetAsync(db, tenantId, cancellationToken, keep: false);
        var sent = 0;
        foreach (var digest in WorkDigest.Compose(facts.InEffect().Records, today).Where(d => !delivered.Contains(d.Email)))
        {
            var message = DigestMessage.For(digest, options.Value.WorkspaceUrl);
            bool mailed;
            try
            {
                mailed = await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The digest of {Email} (tenant {TenantId}) for {Day} could not be mailed; the next check tries again", digest.Email, tenantId, today);
                continue;
            }

            logger.LogInformation("Daily digest for {Email} (tenant {TenantId}) on {Day}: {Overdue} overdue, {DueSoon} due soon, {ToDecide} to decide, {Delivery}",
                digest.Email, tenantId, today, digest.Overdue, digest.DueSoon, digest.ToDecide, mailed ? "mailed" : "logged (no SMTP configured)");
            db.DigestDeliveries.Add(new DigestDelivery
            {
                Email = digest.Email, Day = today, Items = digest.Items.Count, Overdue = digest.Overdue, Mailed = mailed, DeliveredAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (DbUpdateException ex) when (PersistenceExceptionHandler.IsUniqueViolation(ex.InnerException))
            {
                // Another instance wrote it in the same moment (the job's lock makes this rare); stop for this tenant.
                return sent;
            }
        }

        return sent;
    }
}

internal sealed class DailyDigestService(DailyDigest digest, SingleRunner runner, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DailyDigestService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One replica at a time; the deliveries' key keeps it once per member and day even so.
                await runner.TryRunAsync<ReportingDbContext>(DailyDigest.Job, async ct =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var sent = await digest.RunAsync(ct);
                    if (sent > 0)
                    {
                        logger.LogInformation("Wrote {Count} daily digests in {Seconds:F1} s", sent, Stopwatch.GetElapsedTime(started).TotalSeconds);
                    }
                }, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The daily digest job failed; it runs again in {Interval}", options.Value.CheckInterval);
            }

            try
            {
                await Task.Delay(options.Value.CheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
