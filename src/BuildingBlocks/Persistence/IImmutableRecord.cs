namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// A record that is written once and never changed or deleted afterwards (a published version, a history entry).
/// <see cref="ServiceDbContext"/> refuses to save an update or delete of one, whatever the endpoint does.
/// </summary>
public interface IImmutableRecord;

/// <summary>Raised when code tries to change or delete an <see cref="IImmutableRecord"/>; answered as 409.</summary>
public sealed class ImmutableRecordException : InvalidOperationException
{
    public ImmutableRecordException(string message) : base(message) { }
    public ImmutableRecordException() { }
    public ImmutableRecordException(string message, Exception innerException) : base(message, innerException) { }
}
