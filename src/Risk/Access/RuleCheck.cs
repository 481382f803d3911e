using Microsoft.AspNetCore.Http.HttpResults;

namespace IsmsCloud.Risk.Access;

/// <summary>
/// What a domain rule says about a change: allowed, refused for this person (answered 403), or invalid field by field
/// (answered 400 with the field errors). The refusal wins when both apply: who may not act learns nothing about fields.
/// </summary>
public sealed class RuleCheck
{
    private readonly Dictionary<string, string[]> _errors = [];

    public string? ForbiddenBecause { get; private set; }

    public IDictionary<string, string[]> Errors => _errors;

    public bool IsForbidden => ForbiddenBecause is not null;

    public bool IsAllowed => !IsForbidden && _errors.Count == 0;

    /// <summary>
    /// The answer when the check does not allow the change: 403 with the reason, or 400 with the field errors (the same
    /// validation problem a model check gives); null when allowed. Every endpoint answers a refused rule this way.
    /// </summary>
    public ProblemHttpResult? Refusal =>
        ForbiddenBecause is { } why ? Forbidden.Because(why)
        : _errors.Count > 0 ? TypedResults.Problem(new HttpValidationProblemDetails(_errors) { Status = StatusCodes.Status400BadRequest })
        : null;

    /// <summary>Keeps the first reason: the checks run from the most to the least fundamental.</summary>
    public RuleCheck Forbid(string reason)
    {
        ForbiddenBecause ??= reason;
        return this;
    }

    public RuleCheck Invalid(string field, string message)
    {
        _errors[field] = [message];
        return this;
    }
}
