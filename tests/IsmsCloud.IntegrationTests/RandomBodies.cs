using System.Text.Json.Nodes;
using CsCheck;

namespace IsmsCloud.IntegrationTests;

/// <summary>
/// Random JSON bodies for the fuzz tests: values mix right types, wrong types, out-of-range numbers, huge strings,
/// strings with control characters, nulls and junk dates, under the field names an endpoint family reads.
/// </summary>
internal static class RandomBodies
{
    private static readonly Gen<JsonNode?> Value = Gen.OneOf<JsonNode?>(
        Gen.Int[-3, 30].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        // Control characters, which PostgreSQL refuses in text (NUL) or which hide content: the API must refuse them with a 400.
        Gen.Select(Gen.String, Gen.OneOf<string>("\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f"))
            .Select((s, c) => (JsonNode?)JsonValue.Create(s.Insert(s.Length / 2, c))),
        Gen.Int[0, 9000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n))),
        Gen.OneOf<string>("Treat", "Accept", "Auditor", "Viewer", "TenantAdmin", "2027-01-15T09:00:00Z", "AiSystem", "Confidential", "Done", "Helped", "High", "Manual", "Implemented", "a@b.example", "https://x.example/1",
            "2026-13-45", "2026-11-29", "0001-01-01", "9999-12-31", "2026-11-29T10:00:00Z", "00000000-0000-0000-0000-000000000000", "NaN", "-1", "")
            .Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>((JsonNode?)null),
        Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g)),
        Gen.Guid.Array[0, 3].Select(gs => (JsonNode?)new JsonArray(gs.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray())),
        Gen.Const<JsonNode?>(new JsonObject()),
        Gen.Const<JsonNode?>(new JsonArray(new JsonObject { ["controlId"] = Guid.NewGuid().ToString(), ["role"] = "Failed" })));

    public static Gen<string> Of(string[] fields) => Gen.OneOf(
        Gen.Select(Gen.Int[0, fields.Length - 1], Value).Array[0, 14].Select(pairs =>
        {
            var body = new JsonObject();
            foreach (var (field, value) in pairs)
            {
                body[fields[field]] = value?.DeepClone();
            }

            return body.ToJsonString();
        }),
        Gen.OneOf<string>("", "null", "[]", "{", "{\"title\":", "\"text\"", "{\"title\":\"\\u0000\"}", "{\"version\":1e400}"));
}
