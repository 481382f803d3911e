namespace IsmsCloud.Risk.History;

public sealed record ChangeRecordDto(string RecordType, Guid RecordId, ChangeKind Kind, string ChangedBy, DateTimeOffset ChangedAt, string Changes);
