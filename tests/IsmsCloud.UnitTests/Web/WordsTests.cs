using IsmsCloud.Web;
using IsmsCloud.Web.Api;
using IsmsCloud.Web.Api.Suppliers;

namespace IsmsCloud.UnitTests.Web;

/// <summary>Enum values as the workspace shows them: words, not code names; the values sent to the APIs stay the members.</summary>
public sealed class WordsTests
{
    [Theory]
    [InlineData("NotImplemented", "Not implemented")]
    [InlineData("NotRequired", "Not required")]
    [InlineData("ApprovedWithConditions", "Approved with conditions")]
    [InlineData("PartiallyImplemented", "Partially implemented")]
    [InlineData("InProgress", "In progress")]
    [InlineData("Open", "Open")]
    [InlineData("treatmentOverdue", "Treatment overdue")]
    [InlineData("SupplierProvided", "Supplier provided")]
    [InlineData("", "")]
    public void PascalCase_reads_as_a_sentence(string code, string words) => Assert.Equal(words, Words.Of(code));

    [Theory]
    [InlineData("Soc2Type2", "SOC 2 Type 2")]
    [InlineData("Soc2Type1", "SOC 2 Type 1")]
    [InlineData("Iso27001", "ISO/IEC 27001")]
    [InlineData("Dpa", "DPA")]
    [InlineData("AiSystem", "AI system")]
    [InlineData("MajorNonconformity", "Major nonconformity")]
    [InlineData("OpportunityForImprovement", "Opportunity for improvement")]
    [InlineData("AcceptancePending", "Awaiting acceptance")]
    public void The_names_a_split_gets_wrong_come_from_the_override_table(string code, string words) => Assert.Equal(words, Words.Of(code));

    [Fact]
    public void Acronyms_keep_their_capitals_inside_a_name_and_a_run_of_capitals_stays_one_word()
    {
        Assert.Equal("Uses AI", Words.Of("UsesAi"));
        Assert.Equal("ISO audit", Words.Of("ISOAudit"));
    }

    [Fact]
    public void Enum_values_read_as_words()
    {
        Assert.Equal("Not implemented", Words.Of(ImplementationStatus.NotImplemented));
        Assert.Equal("Not required", Words.Of(EvidenceFreshness.NotRequired));
        Assert.Equal("Approved with conditions", Words.Of(AssessmentResult.ApprovedWithConditions));
        Assert.Equal("SOC 2 Type 2", Words.Of(CertificateKind.Soc2Type2));
        Assert.Equal("ISO/IEC 27001", Words.Of(CertificateKind.Iso27001));
        Assert.Equal("In treatment", Words.Of(RiskStatus.InTreatment));
        Assert.Equal("—", Words.Of((TreatmentDecision?)null, "—"));
        Assert.Equal("Treat", Words.Of((TreatmentDecision?)TreatmentDecision.Treat, "—"));
    }

    [Fact]
    public void Every_member_of_every_web_enum_reads_as_words_without_code_names()
    {
        var enums = typeof(Words).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace?.StartsWith("IsmsCloud.Web.Api", StringComparison.Ordinal) == true);
        foreach (var value in enums.SelectMany(t => Enum.GetValues(t).Cast<Enum>()))
        {
            var words = Words.Of(value);
            Assert.False(string.IsNullOrWhiteSpace(words), $"{value.GetType().Name}.{value}");
            // No word keeps an inner capital after a lower-case letter ("NotImplemented"), whatever the acronyms.
            Assert.DoesNotMatch(@"[a-z][A-Z]", words.Replace("SoA", "SOA", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Lower_case_words_for_the_middle_of_a_sentence_keep_acronyms()
    {
        Assert.Equal("no valid assessment", Words.Lower("NoValidAssessment"));
        Assert.Equal("confidence erosion", Words.Lower("ConfidenceErosion"));
        Assert.Equal("DPA", Words.Lower("Dpa"));
        Assert.Equal("AI system", Words.Lower("AiSystem"));
        Assert.Equal("", Words.Lower(""));
    }
}
