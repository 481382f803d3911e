using IsmsCloud.Trust.Documents;
using IsmsCloud.Trust.Scope;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IsmsCloud.Trust.Infrastructure;

/// <summary>The domain's refusals a client can run into answer 409 with problem details, never 500.</summary>
public sealed class TrustExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (PublishedScopeIsImmutableException or AccessRequestAlreadyDecidedException))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = exception.Message },
        });
    }
}
