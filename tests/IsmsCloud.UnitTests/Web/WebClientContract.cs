using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace IsmsCloud.UnitTests.Web;

/// <summary>
/// Compares the web app's copies of the services' DTOs and enums with the services' own types as JSON sees them
/// (decision 0012). Types are paired by name, never by file, so moving a DTO between files changes nothing here.
/// </summary>
internal static class WebClientContract
{
    /// <summary>Every type a Refit client sends or receives, with the service assemblies that hold its original.</summary>
    public static IReadOnlyList<(Type Client, Assembly[] Service)> TypesUsedBy(Type refitClient, params Assembly[] service)
    {
        var found = new List<Type>();
        foreach (var method in refitClient.GetMethods())
        {
            Collect(method.ReturnType, found);
            foreach (var parameter in method.GetParameters())
            {
                // Bodies are DTOs; other parameters matter when they are enums, which travel by name in the query.
                if (parameter.GetCustomAttribute<BodyAttribute>() is not null || Unwrap(parameter.ParameterType).IsEnum)
                {
                    Collect(parameter.ParameterType, found);
                }
            }
        }

        return found.Select(t => (t, service)).ToList();
    }

    /// <summary>One line per difference the wire would carry; empty when every copy matches its original.</summary>
    public static IReadOnlyList<string> Differences(IEnumerable<(Type Client, Assembly[] Service)> pairs)
    {
        var differences = new List<string>();
        foreach (var (client, service) in pairs)
        {
            var originals = service.Select(a => a.GetExportedTypes().Where(t => t.Name == client.Name).ToList()).FirstOrDefault(m => m.Count > 0) ?? [];
            if (originals.Count != 1)
            {
                differences.Add(originals.Count == 0
                    ? $"{client.Name}: no type of that name in {string.Join(" or ", service.Select(a => a.GetName().Name))}"
                    : $"{client.Name}: ambiguous, {string.Join(", ", originals.Select(t => t.FullName))}");
                continue;
            }

            differences.AddRange(client.IsEnum ? EnumDifferences(client, originals[0]) : PropertyDifferences(client, originals[0]));
        }

        return differences;
    }

    private static IEnumerable<string> EnumDifferences(Type client, Type server)
    {
        if (!server.IsEnum)
        {
            yield return $"{client.Name}: an enum in the web copy, not on the server";
            yield break;
        }

        var clientNames = Enum.GetNames(client);
        var serverNames = Enum.GetNames(server);
        foreach (var name in serverNames.Except(clientNames))
        {
            yield return $"{client.Name}: the web copy lacks the member {name}";
        }

        foreach (var name in clientNames.Except(serverNames))
        {
            yield return $"{client.Name}: the server has no member {name}";
        }
    }

    private static IEnumerable<string> PropertyDifferences(Type client, Type server)
    {
        var clientProperties = JsonProperties(client);
        var serverProperties = JsonProperties(server);

        // The APIs and the web app both read JSON ignoring case (JsonSerializerDefaults.Web), so case alone is no difference.
        foreach (var (name, shape) in serverProperties)
        {
            if (!clientProperties.TryGetValue(name, out var clientShape))
            {
                yield return $"{client.Name}: the web copy lacks {name}";
            }
            else if (clientShape != shape)
            {
                yield return $"{client.Name}.{name}: {shape} on the server, {clientShape} in the web copy";
            }
        }

        foreach (var name in clientProperties.Keys.Except(serverProperties.Keys, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{client.Name}: the server has no {name}";
        }
    }

    /// <summary>JSON name to shape, named as System.Text.Json with the web defaults writes them.</summary>
    private static Dictionary<string, string> JsonProperties(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(
                p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p => Shape(p.PropertyType),
                StringComparer.OrdinalIgnoreCase);

    /// <summary>What a property looks like on the wire: nested DTOs and enums by name (they are paired by name too).</summary>
    private static string Shape(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Shape(underlying) + "?";
        }

        if (type.IsGenericParameter || type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(decimal)
            || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return type.Name;
        }

        if (Dictionary(type) is { } entry)
        {
            return $"map of {Shape(entry.Key)} to {Shape(entry.Value)}";
        }

        if (Element(type) is { } element)
        {
            return $"list of {Shape(element)}";
        }

        return type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Shape))}>"
            : type.Name;
    }

    // The copies live in IsmsCloud.Web.Api, or a namespace of their service's below it where names would clash.
    private static bool IsWebApiCopy(Type type) =>
        type.Namespace == "IsmsCloud.Web.Api" || type.Namespace?.StartsWith("IsmsCloud.Web.Api.", StringComparison.Ordinal) == true;

    private static void Collect(Type type, List<Type> found)
    {
        type = Unwrap(type);
        if (Dictionary(type) is { } entry)
        {
            Collect(entry.Value, found);
            return;
        }

        if (Element(type) is { } element)
        {
            Collect(element, found);
            return;
        }

        // Type arguments first, and whatever the generic type itself: PagedResult<A> and PagedResult<B> share one
        // definition, and returning at the second one would leave B unchecked.
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Collect(argument, found);
        }

        var own = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (own.IsGenericParameter || !IsWebApiCopy(own) || found.Contains(own))
        {
            return;
        }

        found.Add(own);

        foreach (var property in own.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Collect(property.PropertyType, found);
        }
    }

    // Task<T>, IApiResponse<T> and T? all carry a T.
    private static Type Unwrap(Type type)
    {
        while (true)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                type = underlying;
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(Task<>) || definition == typeof(IApiResponse<>) || definition == typeof(ApiResponse<>)))
            {
                type = type.GetGenericArguments()[0];
            }
            else
            {
                return type;
            }
        }
    }

    private static KeyValuePair<Type, Type>? Dictionary(Type type) =>
        InterfacesOf(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) is { } map
            ? new(map.GetGenericArguments()[0], map.GetGenericArguments()[1])
            : null;

    private static Type? Element(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : InterfacesOf(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<Type> InterfacesOf(Type type) => type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
}
