using Microsoft.EntityFrameworkCore;

namespace IsmsCloud.Trust.Files;

/// <summary>A record points at its file by id; these keep the old bytes from outliving the pointer, in the same save.</summary>
public static class StoredFiles
{
    /// <summary>Adds <paramref name="next"/> and removes the file it replaces; returns the id to point at.</summary>
    public static async Task<Guid> ReplaceAsync(this DbSet<StoredFile> files, Guid? previousId, StoredFile next, CancellationToken cancellationToken)
    {
        await files.RemoveAsync(previousId, cancellationToken);
        files.Add(next);
        return next.Id;
    }

    public static async Task RemoveAsync(this DbSet<StoredFile> files, Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } fileId && await files.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) is { } file)
        {
            files.Remove(file);
        }
    }
}
