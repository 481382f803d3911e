using System.Net;
using Refit;

namespace IsmsCloud.Web.Api;

/// <summary>
/// Runs a Refit call and turns every way it can fail into an <see cref="ApiProblem"/>. Components call the APIs only
/// through this, because an exception escaping an event handler or a lifecycle method ends the user's circuit.
/// </summary>
public sealed class ApiCaller(ILogger<ApiCaller> logger)
{
    public async Task<ApiResult<T>> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        try
        {
            return new ApiResult<T>(await call(cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ApiResult<T>(default, ApiProblem.Cancelled);
        }
        catch (ValidationApiException exception)
        {
            var details = exception.Content;
            return new ApiResult<T>(default, ApiProblem.FromStatus(
                details?.Status ?? (int)exception.StatusCode, details?.Title, details?.Detail, details?.Errors));
        }
        catch (ApiException exception)
        {
            if (exception.StatusCode >= HttpStatusCode.InternalServerError)
            {
                logger.LogWarning(exception, "{Method} {Uri} answered {Status}", exception.HttpMethod, exception.Uri, (int)exception.StatusCode);
            }

            return new ApiResult<T>(default, ApiProblem.FromStatus((int)exception.StatusCode, null, null, null));
        }
        catch (Exception exception) when (exception is ApiRequestException or HttpRequestException or TimeoutException
            or OperationCanceledException or Polly.ExecutionRejectedException)
        {
            // Transport failures, the resilience pipeline's timeouts and an open circuit breaker: the gateway or the
            // service behind it is not there right now.
            logger.LogWarning(exception, "An API call did not reach its service");
            return new ApiResult<T>(default, ApiProblem.Unreachable);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "An API call failed unexpectedly");
            return new ApiResult<T>(default, ApiProblem.Unexpected);
        }
    }
}
