using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Reviews;

public sealed record ReviewTaskDto(Guid Id, ReviewSubject Subject, Guid SubjectId, string Reason, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution);

public sealed record ResolveReviewRequest([property: Required, StringLength(2000, MinimumLength = 3)] string Resolution);

public sealed record ReviewDto(Guid Id, string Reason, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Resolution);
