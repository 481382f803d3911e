using IsmsCloud.BuildingBlocks.Audit;
using IsmsCloud.BuildingBlocks.Persistence;
using IsmsCloud.BuildingBlocks.Tenancy;
using IsmsCloud.Suppliers.Questionnaires;
using IsmsCloud.Suppliers.Register;

namespace IsmsCloud.Suppliers.Assessments;

public enum AssessmentStatus
{
    /// <summary>Opened by the tenant and being worked on (a desk review of the supplier's documents).</summary>
    InProgress,
    /// <summary>A questionnaire was sent: the supplier's contact answers it through the link.</summary>
    AwaitingSupplier,
    /// <summary>The supplier submitted the questionnaire: the tenant reviews it.</summary>
    Submitted,
    Completed,
    Cancelled,
}

/// <summary>
/// One assessment of a supplier, completed by the tenant with a result, a residual risk note and conditions. Once
/// completed it is final: a new assessment is a new record. Completing moves the supplier's assessment dates on
/// (<see cref="Supplier.RecordCompletion"/>), which is what the schedule and the gap read.
/// </summary>
public sealed class SupplierAssessment : ITenantOwned, IVersioned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    Guid IAudited.AuditRecordId => Id;
    public Guid TenantId { get; set; }
    public uint Version { get; set; }
    public Guid SupplierId { get; init; }
    public required string Title { get; set; }
    public AssessmentStatus Status { get; private set; } = AssessmentStatus.InProgress;
    public AssessmentResult? Result { get; private set; }
    public string? ResidualRiskNote { get; private set; }
    public List<string> Conditions { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }

    /// <summary>The template the questionnaire was sent from, by id and name at the time (the template may change or go).</summary>
    public Guid? TemplateId { get; private set; }
    public string? TemplateName { get; private set; }
    /// <summary>The questions as they were when sent: a snapshot, never rewritten by a template edit. Null for a desk review.</summary>
    public List<Question>? Questions { get; private set; }
    /// <summary>The supplier's answers by question id (a file answer is the stored file's id).</summary>
    public Dictionary<string, string> Answers { get; private set; } = [];
    public string? ContactEmail { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>What the tenant asked to change when it last sent the questionnaire back.</summary>
    public string? SentBackNote { get; private set; }

    /// <summary>An assessment by questionnaire: the template's questions are copied now.</summary>
    public static SupplierAssessment ByQuestionnaire(Guid supplierId, QuestionnaireTemplate template, string contactEmail, string by, DateTimeOffset at) => new()
    {
        SupplierId = supplierId,
        Title = template.Name,
        CreatedAt = at,
        CreatedBy = by,
        Status = AssessmentStatus.AwaitingSupplier,
        TemplateId = template.Id,
        TemplateName = template.Name,
        Questions = Questionnaires.Questions.Snapshot(template.Questions),
        ContactEmail = contactEmail,
    };

    /// <summary>Keeps the answers given (a draft); only answers to the snapshot's questions are kept.</summary>
    public void SaveAnswers(IReadOnlyDictionary<string, string> answers)
    {
        if (Status != AssessmentStatus.AwaitingSupplier || Questions is null)
        {
            throw new AssessmentStateException("The questionnaire is not open for answers.");
        }

        foreach (var question in Questions)
        {
            if (answers.TryGetValue(question.Id, out var answer))
            {
                if (string.IsNullOrWhiteSpace(answer))
                {
                    Answers.Remove(question.Id);
                }
                else
                {
                    Answers[question.Id] = answer.Trim();
                }
            }
        }

        // A new dictionary, so the change tracker sees the property change.
        Answers = new Dictionary<string, string>(Answers);
    }

    /// <summary>The required questions still unanswered.</summary>
    public IReadOnlyList<Question> Unanswered() =>
        Questions?.Where(q => q.Required && !Answers.ContainsKey(q.Id)).ToList() ?? [];

    public void Submit(DateTimeOffset at)
    {
        if (Status != AssessmentStatus.AwaitingSupplier)
        {
            throw new AssessmentStateException("The questionnaire is not open for answers.");
        }

        if (Unanswered().Count > 0)
        {
            throw new AssessmentStateException("Answer every required question before submitting.");
        }

        Status = AssessmentStatus.Submitted;
        SubmittedAt = at;
    }

    /// <summary>Back to the supplier for changes (a new link is sent); the answers stay for them to correct.</summary>
    public void SendBack(string note)
    {
        if (Status != AssessmentStatus.Submitted)
        {
            throw new AssessmentStateException("Only a submitted questionnaire can be sent back.");
        }

        Status = AssessmentStatus.AwaitingSupplier;
        SentBackNote = note;
    }

    /// <summary>The refusal, or null when the assessment may be completed now.</summary>
    public string? CannotComplete() => Status switch
    {
        AssessmentStatus.Completed => "The assessment is already completed.",
        AssessmentStatus.Cancelled => "The assessment was cancelled.",
        AssessmentStatus.AwaitingSupplier => "The supplier has not submitted the questionnaire yet.",
        _ => null,
    };

    public void Complete(Supplier supplier, AssessmentResult result, string? residualRiskNote, IReadOnlyList<string> conditions, string by, DateTimeOffset at)
    {
        if (CannotComplete() is { } why)
        {
            throw new AssessmentStateException(why);
        }

        if (supplier.Id != SupplierId)
        {
            throw new ArgumentException("The assessment belongs to another supplier.", nameof(supplier));
        }

        Status = AssessmentStatus.Completed;
        Result = result;
        ResidualRiskNote = residualRiskNote;
        Conditions = [.. conditions];
        CompletedAt = at;
        CompletedBy = by;
        supplier.RecordCompletion(result, at);
    }

    public void Cancel()
    {
        if (Status is not (AssessmentStatus.InProgress or AssessmentStatus.AwaitingSupplier or AssessmentStatus.Submitted))
        {
            throw new AssessmentStateException("A completed or cancelled assessment cannot be cancelled.");
        }

        Status = AssessmentStatus.Cancelled;
    }
}

/// <summary>A change the assessment's state does not allow (answered 409).</summary>
public sealed class AssessmentStateException(string message) : InvalidOperationException(message);
