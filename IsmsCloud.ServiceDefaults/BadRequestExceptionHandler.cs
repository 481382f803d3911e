using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Request bodies and parameters that cannot be read (malformed JSON, a string where a number belongs, an unknown
/// enum name) are the client's error: 400 with problem details, never a 500. Minimal APIs throw these in
/// Development and answer a bare 400 elsewhere; this makes both the same.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        if (badRequest.InnerException is ControlCharacterException refused)
        {
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [TextInput.FieldName(refused.Path)] = [refused.Message],
                })
                {
                    Status = badRequest.StatusCode,
                },
            });
        }

        // A value of the wrong type (a word where a date belongs, a number for a text): name the field, as every other
        // field error does, so a form can show it beside the input.
        if (badRequest.InnerException is System.Text.Json.JsonException { Path: { Length: > 1 } path } wrongType)
        {
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [TextInput.FieldName(path)] = ["The value is not of the expected type (for example a date, a number or one of the listed names)."],
                })
                {
                    Status = badRequest.StatusCode,
                    Title = "The request could not be read.",
                    Detail = wrongType.Message,
                },
            });
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read.",
                // The framework's message names the parameter and the expected type; the JSON reader's inner
                // message says where the body broke. Neither contains server internals.
                Detail = badRequest.InnerException is System.Text.Json.JsonException json ? $"{badRequest.Message} {json.Message}" : badRequest.Message,
            },
        });
    }
}
