using IsmsCloud.Risk.Risks;

namespace IsmsCloud.UnitTests.Risk;

public sealed class RiskScoreTests
{
    [Theory]
    [InlineData(1, 1, 1, RiskBand.Low)]
    [InlineData(2, 2, 4, RiskBand.Low)]
    [InlineData(1, 5, 5, RiskBand.Medium)]
    [InlineData(3, 3, 9, RiskBand.Medium)]
    [InlineData(2, 5, 10, RiskBand.High)]
    [InlineData(4, 4, 16, RiskBand.High)]
    [InlineData(3, 5, 15, RiskBand.High)]
    [InlineData(4, 5, 20, RiskBand.Critical)]
    [InlineData(5, 5, 25, RiskBand.Critical)]
    public void Score_is_likelihood_times_impact_in_its_band(int likelihood, int impact, int score, RiskBand band)
    {
        var risk = new RiskScore(likelihood, impact);

        Assert.Equal(score, risk.Value);
        Assert.Equal(band, risk.Band);
    }

    [Fact]
    public void Every_score_falls_in_exactly_the_band_of_the_design_rule()
    {
        for (var l = 1; l <= 5; l++)
        {
            for (var i = 1; i <= 5; i++)
            {
                var s = l * i;
                var expected = s <= 4 ? RiskBand.Low : s <= 9 ? RiskBand.Medium : s <= 16 ? RiskBand.High : RiskBand.Critical;
                Assert.Equal(expected, new RiskScore(l, i).Band);
            }
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void Ratings_outside_one_to_five_are_refused(int likelihood, int impact) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskScore(likelihood, impact));
}
