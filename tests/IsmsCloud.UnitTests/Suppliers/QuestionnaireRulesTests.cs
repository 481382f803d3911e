using IsmsCloud.Suppliers.Assessments;
using IsmsCloud.Suppliers.Questionnaires;
using Microsoft.Extensions.Hosting;

namespace IsmsCloud.UnitTests.Suppliers;

/// <summary>Questionnaire links' states (404/410/409 at the page), snapshots, answers and the token's redaction.</summary>
public sealed class QuestionnaireRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 10, 0, 0, TimeSpan.Zero);

    private static QuestionnaireLink Link(out string token)
    {
        var (link, issued) = QuestionnaireLink.Issue(Guid.NewGuid(), Now, TimeSpan.FromDays(14));
        token = issued;
        return link;
    }

    [Fact]
    public void A_link_keeps_only_its_tokens_hash_and_is_open_until_its_expiry()
    {
        var link = Link(out var token);

        Assert.Equal(QuestionnaireLink.Hash(token), link.TokenHash);
        Assert.NotEqual(token, link.TokenHash);
        Assert.True(token.Length >= 43);
        Assert.Equal(LinkState.Open, link.StateOn(Now.AddDays(14).AddTicks(-1), AssessmentStatus.AwaitingSupplier));
        Assert.Equal(LinkState.Expired, link.StateOn(Now.AddDays(14), AssessmentStatus.AwaitingSupplier));
    }

    [Theory]
    [InlineData(AssessmentStatus.Submitted, LinkState.Submitted)]
    [InlineData(AssessmentStatus.Completed, LinkState.Submitted)]
    [InlineData(AssessmentStatus.Cancelled, LinkState.Revoked)]
    [InlineData(AssessmentStatus.AwaitingSupplier, LinkState.Open)]
    public void A_submitted_or_completed_questionnaire_closes_its_link_to_answers(AssessmentStatus assessment, LinkState expected) =>
        Assert.Equal(expected, Link(out _).StateOn(Now, assessment));

    [Fact]
    public void Revoked_and_superseded_read_before_expiry_and_submission()
    {
        var revoked = Link(out _);
        revoked.Revoke(Now);
        var superseded = Link(out _);
        superseded.Supersede(Now);

        Assert.Equal(LinkState.Revoked, revoked.StateOn(Now.AddDays(30), AssessmentStatus.Submitted));
        Assert.Equal(LinkState.Superseded, superseded.StateOn(Now.AddDays(30), AssessmentStatus.Submitted));
    }

    [Fact]
    public void The_token_is_traded_for_a_cookie_only_the_latest_browser_holds()
    {
        var link = Link(out var token);
        Assert.False(link.IsBoundTo(token));

        var first = link.BindBrowser();
        Assert.True(link.IsBoundTo(first));
        var second = link.BindBrowser();
        Assert.False(link.IsBoundTo(first));
        Assert.True(link.IsBoundTo(second));
        Assert.False(link.IsBoundTo(null));
        Assert.False(link.IsBoundTo(token));
    }

    [Fact]
    public void Sending_snapshots_the_questions_and_a_template_edit_never_rewrites_them()
    {
        var template = new QuestionnaireTemplate
        {
            Name = "Security", Questions = [new Question("q1", "Do you encrypt backups?", AnswerType.YesNo, [], true), new Question("q2", "Hosting?", AnswerType.Choice, ["EU", "US"], true)],
        };
        var assessment = SupplierAssessment.ByQuestionnaire(Guid.NewGuid(), template, "c@s.example", "m@t.example", Now);

        template.Questions[0] = template.Questions[0] with { Text = "Rewritten" };
        template.Questions.Add(new Question("q3", "New question", AnswerType.Text, [], false));
        template.Name = "Renamed";

        Assert.Equal(["Do you encrypt backups?", "Hosting?"], assessment.Questions!.Select(q => q.Text));
        Assert.Equal("Security", assessment.TemplateName);
        Assert.NotSame(template.Questions[1].Choices, assessment.Questions![1].Choices);
    }

    [Fact]
    public void Answers_are_kept_for_the_snapshots_questions_only_and_submitting_needs_every_required_one()
    {
        var template = new QuestionnaireTemplate
        {
            Name = "Security", Questions = [new Question("q1", "Required?", AnswerType.YesNo, [], true), new Question("q2", "Optional", AnswerType.Text, [], false)],
        };
        var assessment = SupplierAssessment.ByQuestionnaire(Guid.NewGuid(), template, "c@s.example", "m@t.example", Now);

        assessment.SaveAnswers(new Dictionary<string, string> { ["q2"] = " note ", ["unknown"] = "x" });
        Assert.Equal(new Dictionary<string, string> { ["q2"] = "note" }, assessment.Answers);
        Assert.Throws<AssessmentStateException>(() => assessment.Submit(Now));
        assessment.SaveAnswers(new Dictionary<string, string> { ["q1"] = "Yes" });
        assessment.Submit(Now);

        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Throws<AssessmentStateException>(() => assessment.SaveAnswers(new Dictionary<string, string> { ["q1"] = "No" }));
        assessment.SendBack("Attach the report");
        Assert.Equal(AssessmentStatus.AwaitingSupplier, assessment.Status);
        Assert.Equal("Yes", assessment.Answers["q1"]);
    }

    [Theory]
    [InlineData(AnswerType.YesNo, "Yes", true)]
    [InlineData(AnswerType.YesNo, "maybe", false)]
    [InlineData(AnswerType.Choice, "EU", true)]
    [InlineData(AnswerType.Choice, "eu", false)]
    [InlineData(AnswerType.Date, "2026-10-01", true)]
    [InlineData(AnswerType.Date, "2026-13-01", false)]
    [InlineData(AnswerType.Text, "anything", true)]
    public void An_answer_must_fit_its_questions_type(AnswerType type, string value, bool valid) =>
        Assert.Equal(valid, PublicQuestionnaireApi.Invalid(new Question("q", "Q?", type, ["EU", "US"], true), value) is null);

    [Theory]
    [InlineData("/questionnaires/t/abcDEF-123_x", "/questionnaires/t/[redacted]")]
    [InlineData("/questionnaires/t/abc?x=1", "/questionnaires/t/[redacted]?x=1")]
    [InlineData("/trust/acme/access/s3cr3t/download", "/trust/acme/access/[redacted]/download")]
    [InlineData("/questionnaires/0190c7a8-0000-7000-8000-000000000001", "/questionnaires/0190c7a8-0000-7000-8000-000000000001")]
    [InlineData("/api/suppliers", "/api/suppliers")]
    public void Paths_that_carry_a_token_are_redacted_and_others_are_not(string path, string expected) =>
        Assert.Equal(expected, SecretPaths.Redact(path));

    [Fact]
    public void Template_questions_are_checked_field_by_field()
    {
        var errors = Questions.Validate([new QuestionInput(null, "ok?", AnswerType.Choice, ["Only one"]), new QuestionInput("bad id!", "x", AnswerType.YesNo, null)]);

        Assert.Contains("questions[0].choices", errors.Keys);
        Assert.Contains("questions[1].text", errors.Keys);
        Assert.Contains("questions[1].id", errors.Keys);
        Assert.Contains("questions", Questions.Validate([]).Keys);
        Assert.Empty(Questions.Validate([new QuestionInput(null, "Encrypted?", AnswerType.YesNo, null)]));
    }

    [Fact]
    public void Questions_made_together_get_ids_of_their_own_and_given_ids_are_kept()
    {
        var inputs = Enumerable.Range(0, 50).Select(i => new QuestionInput(i == 0 ? "kept" : null, $"Question {i}?", AnswerType.Text, null)).ToList();

        var questions = Questions.From(inputs);

        Assert.Equal(50, questions.Select(q => q.Id).Distinct().Count());
        Assert.Equal("kept", questions[0].Id);
    }
}
