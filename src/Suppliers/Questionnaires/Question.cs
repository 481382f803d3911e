namespace IsmsCloud.Suppliers.Questionnaires;

public enum AnswerType
{
    YesNo,
    Choice,
    Text,
    Date,
    File,
}

/// <summary>
/// One question of a questionnaire. Immutable: a template edit makes new questions, so the copies an assessment took
/// when it was sent (its snapshot) can never be rewritten through a shared instance.
/// </summary>
public sealed record Question(string Id, string Text, AnswerType Type, IReadOnlyList<string> Choices, bool Required);

public static class Questions
{
    public const int MaxQuestions = 100;
    public const int MaxChoices = 20;

    /// <summary>A deep copy, for an assessment's snapshot of its template's questions.</summary>
    public static List<Question> Snapshot(IEnumerable<Question> questions) =>
        questions.Select(q => q with { Choices = q.Choices.ToArray() }).ToList();

    /// <summary>Field errors of a template's questions (keys "questions" or "questions[i].…"), empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<QuestionInput>? questions)
    {
        var errors = new Dictionary<string, string[]>();
        if (questions is null || questions.Count is 0 or > MaxQuestions)
        {
            errors["questions"] = [$"Ask 1 to {MaxQuestions} questions."];
            return errors;
        }

        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            if (q is null)
            {
                errors[$"questions[{i}]"] = ["Give the question."];
                continue;
            }

            if (q.Text is null || q.Text.Trim().Length is < 3 or > 1000)
            {
                errors[$"questions[{i}].text"] = ["A question needs 3 to 1000 characters."];
            }

            if (!Enum.IsDefined(q.Type))
            {
                errors[$"questions[{i}].type"] = ["Choose YesNo, Choice, Text, Date or File."];
            }
            else if (q.Type == AnswerType.Choice
                && (q.Choices is null || q.Choices.Count is < 2 or > MaxChoices || q.Choices.Any(c => c is null || c.Trim().Length is 0 or > 200)
                    || q.Choices.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != q.Choices.Count))
            {
                errors[$"questions[{i}].choices"] = [$"A choice question needs 2 to {MaxChoices} different choices of 1 to 200 characters."];
            }

            if (q.Id is { } id && (id.Length is 0 or > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                errors[$"questions[{i}].id"] = ["A question id has 1 to 40 letters, digits, '-' or '_'."];
            }
        }

        var ids = questions.Where(q => q?.Id is not null).Select(q => q!.Id!).ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            errors["questions"] = ["Question ids must be different."];
        }

        return errors;
    }

    /// <summary>The questions as stored: ids kept where given (so edits keep them), new ones made for the rest.</summary>
    public static List<Question> From(IReadOnlyList<QuestionInput> questions)
    {
        var taken = questions.Where(q => q.Id is not null).Select(q => q.Id!).ToHashSet(StringComparer.Ordinal);
        return questions.Select(q => new Question(
            q.Id ?? NewId(taken),
            q.Text!.Trim(),
            q.Type,
            q.Type == AnswerType.Choice ? q.Choices!.Select(c => c.Trim()).ToArray() : [],
            q.Required)).ToList();
    }

    // Random, not time-ordered: questions made in the same millisecond must still differ.
    private static string NewId(HashSet<string> taken)
    {
        string id;
        do
        {
            id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        }
        while (!taken.Add(id));
        return id;
    }
}

public sealed record QuestionInput(string? Id, string? Text, AnswerType Type, List<string>? Choices, bool Required = true);
