namespace IsmsCloud.Web.Components.Pages.Risks;

/// <summary>How the register's codes read for people.</summary>
public static class RiskText
{
    public static string Status(string status) => status switch
    {
        "InTreatment" => "In treatment",
        "AcceptancePending" => "Awaiting acceptance",
        _ => status,
    };

    public static readonly (int Value, string Name)[] Likelihood = [(1, "Rare"), (2, "Unlikely"), (3, "Possible"), (4, "Likely"), (5, "Almost certain")];
    public static readonly (int Value, string Name)[] Impact = [(1, "Negligible"), (2, "Minor"), (3, "Moderate"), (4, "Major"), (5, "Severe")];

    public static string Band(int score) => score switch
    {
        <= 4 => "Low",
        <= 9 => "Medium",
        <= 16 => "High",
        _ => "Critical",
    };
}
