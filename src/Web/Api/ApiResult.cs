using System.Diagnostics.CodeAnalysis;

namespace IsmsCloud.Web.Api;

/// <summary>Either the value an API call returned or the problem it ran into; never an exception.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;
}
