namespace IsmsCloud.Risk.History;

/// <summary>One saved change of a record, as the record's history shows it: an entry of the audit trail.</summary>
public sealed record ChangeRecordDto(long Sequence, string RecordType, Guid RecordId, ChangeKind Kind, string ChangedBy, DateTimeOffset ChangedAt, string Changes);
