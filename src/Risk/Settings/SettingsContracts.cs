using System.ComponentModel.DataAnnotations;

namespace IsmsCloud.Risk.Settings;

public sealed record RiskSettingsDto(int RiskAppetite, int ReviewIntervalDays, int MaxAcceptanceMonths, int MaxExceptionDays, uint Version)
{
    public static RiskSettingsDto From(RiskSettings s) => new(s.RiskAppetite, s.ReviewIntervalDays, s.MaxAcceptanceMonths, s.MaxExceptionDays, s.Version);
}

public sealed record UpdateRiskSettingsRequest(
    [property: Range(1, 25)] int RiskAppetite,
    [property: Range(7, 730)] int ReviewIntervalDays,
    [property: Range(1, 36)] int MaxAcceptanceMonths,
    [property: Range(1, 730)] int MaxExceptionDays,
    [property: Range(0, uint.MaxValue)] long Version);
