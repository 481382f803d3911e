using IsmsCloud.Web.Api;

namespace IsmsCloud.Web.Components.Pages.Risks;

/// <summary>How the register's codes read for people.</summary>
public static class RiskText
{
    public static string Status(RiskStatus status) => Words.Of(status);

    public static readonly (int Value, string Name)[] Likelihood = [(1, "Rare"), (2, "Unlikely"), (3, "Possible"), (4, "Likely"), (5, "Almost certain")];
    public static readonly (int Value, string Name)[] Impact = [(1, "Negligible"), (2, "Minor"), (3, "Moderate"), (4, "Major"), (5, "Severe")];

    public static RiskBand Band(int score) => score switch
    {
        <= 4 => RiskBand.Low,
        <= 9 => RiskBand.Medium,
        <= 16 => RiskBand.High,
        _ => RiskBand.Critical,
    };
}
