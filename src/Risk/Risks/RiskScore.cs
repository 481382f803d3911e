namespace IsmsCloud.Risk.Risks;

public enum RiskBand
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Domain rule 1: score = likelihood (1–5) × impact (1–5); bands Low 1–4, Medium 5–9, High 10–16, Critical 17–25.</summary>
public readonly record struct RiskScore
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public RiskScore(int likelihood, int impact)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(likelihood, MinRating);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(likelihood, MaxRating);
        ArgumentOutOfRangeException.ThrowIfLessThan(impact, MinRating);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(impact, MaxRating);
        Likelihood = likelihood;
        Impact = impact;
    }

    public int Likelihood { get; }
    public int Impact { get; }
    public int Value => Likelihood * Impact;
    public RiskBand Band => BandOf(Value);

    public static RiskBand BandOf(int score) => score switch
    {
        <= 4 => RiskBand.Low,
        <= 9 => RiskBand.Medium,
        <= 16 => RiskBand.High,
        _ => RiskBand.Critical,
    };

    /// <summary>The score range of a band, for filtering on the stored score.</summary>
    public static (int Min, int Max) RangeOf(RiskBand band) => band switch
    {
        RiskBand.Low => (1, 4),
        RiskBand.Medium => (5, 9),
        RiskBand.High => (10, 16),
        _ => (17, 25),
    };
}
