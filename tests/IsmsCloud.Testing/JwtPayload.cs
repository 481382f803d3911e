using System.Text;
using System.Text.Json;

namespace IsmsCloud.Testing;

/// <summary>Reads (never validates) a JWT's payload, for assertions on what a token carries.</summary>
public static class JwtPayload
{
    public static JsonElement Read(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part))).RootElement;
    }

    /// <summary>The same token with one payload claim changed and the original signature: a forgery.</summary>
    public static string Tamper(string jwt, string claim, string value)
    {
        var parts = jwt.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Read(jwt).GetRawText())!;
        payload[claim] = JsonSerializer.SerializeToElement(value);
        var encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{parts[0]}.{encoded}.{parts[2]}";
    }
}
