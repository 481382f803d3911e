using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IsmsCloud.BuildingBlocks.Persistence;

/// <summary>
/// The application's services as a DbContext sees them: found through the service provider the context was registered
/// in. A context made by hand (design time, unit tests) has none, and callers fall back to a default.
/// </summary>
public static class ApplicationServices
{
    public static T? Find<T>(DbContext db) where T : class =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(T)) as T;
}
