namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Validation errors name fields as the JSON spells them (camelCase), whichever code found them: the framework's
/// validation names them after the C# properties (<c>Title</c>, <c>Items[0].Name</c>), endpoints after the JSON.
/// </summary>
public static class ValidationFieldNames
{
    public static void CamelCase(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.Where(k => k.Length > 0).ToList())
        {
            var field = TextInput.FieldName(key);
            if (field != key)
            {
                var messages = errors[key];
                errors.Remove(key);
                errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
            }
        }
    }
}
