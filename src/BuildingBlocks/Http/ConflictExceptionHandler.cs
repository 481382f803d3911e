using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>
/// Turns persistence exceptions into problem details instead of 500s: a stale version is a 409 Conflict; a tenant
/// mismatch (a bug, or a forged id that slipped past the filter) is a 404, never a leak; the database out of reach
/// (restarting, failing over, refusing connections) is a 503 with Retry-After, which the next request recovers from
/// without restarting the service: the connection pool opens new connections once the database is back.
/// </summary>
public sealed class PersistenceExceptionHandler(IProblemDetailsService problemDetails, ILogger<PersistenceExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>What a client is told to wait before trying again while the database is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsDatabaseUnavailable(exception))
        {
            // A warning without the stack: an outage is an operational event, and each request in it says the same.
            logger.LogWarning("The database is unavailable ({Error}); answered 503 for {Method} {Path}",
                exception.GetBaseException().Message, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable, Title = "Service Unavailable",
                    Detail = $"The service cannot reach its database at the moment. Nothing was changed; try again in {RetryAfterSeconds} seconds.",
                },
            });
        }

        var (status, title, detail) = exception switch
        {
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Conflict",
                "The record was changed by someone else since you read it. Reload it and apply your change again."),
            ImmutableRecordException => (StatusCodes.Status409Conflict, "Conflict",
                "The record is frozen (for example a published version) and cannot be changed."),
            DbUpdateException { InnerException: var inner } when IsUniqueViolation(inner) => (StatusCodes.Status409Conflict, "Conflict",
                "The change clashes with a record saved at the same moment (a unique value was taken). Reload and try again."),
            TenantMismatchException => (StatusCodes.Status404NotFound, "Not Found", "The record does not exist."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The database could not be reached or went away mid-request (anywhere in the chain: EF wraps it): a connection
    /// refused or broken, the server shutting down, not yet accepting connections or out of connections, a retry
    /// strategy that gave up. A constraint, a deadlock or a bug is never reported as an outage: PostgreSQL's transient
    /// errors count only in the connection (08), resource (53) and shutdown (57P) classes.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var unavailable = e switch
            {
                Npgsql.PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
                // The others: the server could not be reached or the connection broke (Npgsql), or the provider's own judgement (SQL Server).
                System.Data.Common.DbException { IsTransient: true } => true,
                Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => true,
                _ => false,
            };
            if (unavailable)
            {
                return true;
            }
        }

        return false;
    }

    // PostgreSQL: SQLSTATE 23505; SQL Server: error 2601/2627 (its client does not set SqlState).
    public static bool IsUniqueViolation(Exception? inner) =>
        inner is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || inner is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
}
