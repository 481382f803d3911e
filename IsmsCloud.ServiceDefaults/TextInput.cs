using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Text from clients never carries control characters other than tab and line breaks: PostgreSQL refuses a NUL in
/// text (a 500 otherwise), and the others only hide content from the people who read it later. Every string of
/// every JSON body is checked as it is read (<see cref="ControlCharacterRefusingConverter"/>), every query-string
/// value and form field (not the files of a multipart form) before the endpoint runs (<see cref="UseTextInputGuard"/>);
/// both answer 400 naming the field.
/// </summary>
public static class TextInput
{
    public const string ControlCharacterMessage = "Control characters other than tab and line breaks are not allowed.";

    public static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field a JSON path names, as the API spells fields: <c>$.Items[0].Name</c> is <c>items[0].name</c>.</summary>
    public static string FieldName(string? jsonPath)
    {
        var path = (jsonPath ?? "$").TrimStart('$').TrimStart('.');
        return path.Length == 0
            ? "body"
            : string.Join('.', path.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));
    }

    /// <summary>
    /// Refuses query-string values and form fields with control characters (a 400 naming the field) before any endpoint
    /// binds them. The form is read here only when the endpoint would read it anyway (a form content type); ASP.NET keeps
    /// it on the request, so the endpoint does not read the body twice.
    /// </summary>
    public static IApplicationBuilder UseTextInputGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var fields = context.Request.Query.AsEnumerable();
            if (context.Request.HasFormContentType)
            {
                try
                {
                    fields = fields.Concat(await context.Request.ReadFormAsync(context.RequestAborted));
                }
                catch (InvalidDataException ex)
                {
                    // Too large or malformed: the 400 that the endpoint's own form binding would have answered.
                    throw new BadHttpRequestException($"The form could not be read: {ex.Message}", StatusCodes.Status400BadRequest, ex);
                }
            }

            var errors = fields
                .Where(q => HasControlCharacter(q.Key) || q.Value.Any(v => v is not null && HasControlCharacter(v)))
                .GroupBy(q => JsonNamingPolicy.CamelCase.ConvertName(q.Key))
                .ToDictionary(g => g.Key, _ => new[] { ControlCharacterMessage });
            if (errors.Count == 0)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest },
            });
        });
}

/// <summary>Raised while reading a JSON string that holds a control character; the JSON reader adds the path.</summary>
public sealed class ControlCharacterException : JsonException
{
    public ControlCharacterException() : base(TextInput.ControlCharacterMessage) { }
    public ControlCharacterException(string message) : base(message) { }
    public ControlCharacterException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Every string in every request body passes through here, however deep in records and lists it sits.</summary>
internal sealed class ControlCharacterRefusingConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && TextInput.HasControlCharacter(value) ? throw new ControlCharacterException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
