using System.Text;
using System.Text.Encodings.Web;

namespace IsmsCloud.Suppliers.Questionnaires;

/// <summary>
/// The public questionnaire's HTML: one server-rendered page, plain forms that work without script, readable on a
/// phone (one column, large targets). Every value is HTML-encoded.
/// </summary>
internal static class QuestionnairePage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330;line-height:1.5}
        main{max-width:46rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;margin:.5rem 0}
        fieldset{border:1px solid #d4d8e0;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem 1rem}
        legend{font-weight:600;padding:0 .25rem}
        label{display:block;margin:.35rem 0}
        textarea,input[type=text],input[type=date],input[type=file]{width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem}
        textarea{min-height:6rem}
        .error{color:#b00020;font-weight:600}
        .notice{background:#e7f4ea;border:1px solid #9fd3ad;padding:.5rem .75rem;border-radius:6px}
        .actions{display:flex;gap:.75rem;flex-wrap:wrap;margin:1rem 0 2rem}
        button{font-size:1rem;padding:.7rem 1.2rem;border-radius:6px;border:1px solid #2f5bd3;background:#fff;color:#2f5bd3}
        button.primary{background:#2f5bd3;color:#fff}
        .muted{color:#5b6478;font-size:.9rem}
        """;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IResult NotFound() => Page("Not found", """
        <h1>This questionnaire link is not known</h1>
        <p>Check that you used the whole link from your message, or ask your contact for a new one.</p>
        """, StatusCodes.Status404NotFound);

    public static IResult Message(PublicQuestionnaireApi.QuestionnaireView view, string heading, string message, int status) =>
        Page(heading, $"""
            <p class="muted">{E(view.TenantName)} · {E(view.SupplierName)}</p>
            <h1>{E(heading)}</h1>
            <p>{E(message)}</p>
            """, status);

    public static IResult Form(
        PublicQuestionnaireApi.QuestionnaireView view, Assessments.SupplierAssessment assessment, IReadOnlyDictionary<string, string> errors, string? notice,
        int status = StatusCodes.Status200OK, IFormCollection? posted = null)
    {
        var body = new StringBuilder();
        body.Append($"""
            <p class="muted">{E(view.TenantName)} asks {E(view.SupplierName)}</p>
            <h1>{E(view.Title)}</h1>
            <p class="muted">This link works until {view.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Save a draft at any time; submit when every required question is answered.</p>
            """);
        if (view.SentBackNote is { } note)
        {
            body.Append($"""<p class="notice"><strong>Changes requested:</strong> {E(note)}</p>""");
        }

        if (notice is not null)
        {
            body.Append($"""<p class="notice" role="status">{E(notice)}</p>""");
        }

        if (errors.Count > 0)
        {
            body.Append("""<p class="error" role="alert">Some answers need your attention (marked below).</p>""");
        }

        body.Append($"""<form method="post" action="{QuestionnaireSendingApi.PublicPrefix}/{view.LinkId}" enctype="multipart/form-data">""");
        var number = 0;
        foreach (var question in assessment.Questions!)
        {
            number++;
            var field = $"q_{question.Id}";
            var current = posted is not null && posted.TryGetValue(field, out var typed) ? typed.ToString() : assessment.Answers.GetValueOrDefault(question.Id);
            var id = $"f_{question.Id}";
            body.Append($"""<fieldset><legend>{number}. {E(question.Text)}{(question.Required ? " <span aria-label=\"required\">*</span>" : "")}</legend>""");
            if (errors.TryGetValue(question.Id, out var error))
            {
                body.Append($"""<p class="error" id="{id}_error">{E(error)}</p>""");
            }

            switch (question.Type)
            {
                case AnswerType.YesNo:
                    foreach (var option in new[] { "Yes", "No" })
                    {
                        body.Append($"""<label><input type="radio" name="{field}" value="{option}"{(current == option ? " checked" : "")}> {option}</label>""");
                    }

                    break;
                case AnswerType.Choice:
                    foreach (var option in question.Choices)
                    {
                        body.Append($"""<label><input type="radio" name="{field}" value="{E(option)}"{(current == option ? " checked" : "")}> {E(option)}</label>""");
                    }

                    break;
                case AnswerType.Date:
                    body.Append($"""<label for="{id}">Date</label><input type="date" id="{id}" name="{field}" value="{E(current ?? "")}">""");
                    break;
                case AnswerType.File:
                    if (current is not null && posted is null)
                    {
                        body.Append("""<p class="muted">A file is attached. Choose another to replace it.</p>""");
                    }

                    body.Append($"""<label for="{id}">File (PDF, PNG or JPEG)</label><input type="file" id="{id}" name="{field}" accept=".pdf,.png,.jpg,.jpeg">""");
                    break;
                default:
                    body.Append($"""<label for="{id}">Answer</label><textarea id="{id}" name="{field}" maxlength="4000">{E(current ?? "")}</textarea>""");
                    break;
            }

            body.Append("</fieldset>");
        }

        body.Append("""
            <div class="actions">
              <button type="submit" name="action" value="draft">Save draft</button>
              <button type="submit" name="action" value="submit" class="primary">Submit answers</button>
            </div>
            </form>
            """);
        return Page(view.Title, body.ToString(), status);
    }

    private static string E(string value) => Html.Encode(value);

    private static IResult Page(string title, string body, int status) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{E(title)}</title>
        <style>{Style}</style>
        </head>
        <body><main>
        {body}
        </main></body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);
}
