namespace IsmsCloud.Web.Api;

/// <summary>
/// The one way the web app serves an API's file to the browser. A link cannot carry the bearer token, so the web app
/// makes the call with the signed-in user's token (the typed client's handler) and streams the answer through unchanged:
/// its bytes, content type and file name. The API decides who may read it; a refusal is passed on as its status code.
/// </summary>
public static class ApiDownload
{
    public static async Task<IResult> StreamAsync(Task<HttpResponseMessage> call, HttpContext http, CancellationToken cancellationToken)
    {
        var response = await call;
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return Results.StatusCode((int)response.StatusCode);
        }

        var headers = response.Content.Headers;
        return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken), headers.ContentType?.ToString(),
            headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"'));
    }
}
