using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.BuildingBlocks.Http;

/// <summary>
/// Turns the persistence exceptions a client can cause into problem details instead of 500s: a stale version is a
/// 409 Conflict; a tenant mismatch (a bug, or a forged id that slipped past the filter) is a 404, never a leak.
/// </summary>
public sealed class PersistenceExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
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

    // PostgreSQL: SQLSTATE 23505; SQL Server: error 2601/2627 (its client does not set SqlState).
    public static bool IsUniqueViolation(Exception? inner) =>
        inner is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || inner is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
}
