using IsmsCloud.Web.Components.Shared;

namespace IsmsCloud.UnitTests.Web;

/// <summary>An audit entry's changes as a record's history shows them: one line per field, before and after, in words.</summary>
public sealed class RecordChangesTests
{
    [Fact]
    public void Each_field_reads_as_words_with_its_value_before_and_after()
    {
        var fields = RecordChanges.Parse("""{"criticality":["High","Critical"],"ownerId":[null,"3f1c"],"usesAi":[false,true],"tags":[["a"],["a","b"]]}""");

        Assert.Equal(
        [
            new FieldChange("Criticality", "High", "Critical"),
            new FieldChange("Owner id", "—", "3f1c"),
            new FieldChange("Uses AI", "no", "yes"),
            new FieldChange("Tags", """["a"]""", """["a","b"]"""),
        ], fields);
    }

    [Fact]
    public void A_value_that_is_not_a_pair_is_what_the_record_has_now()
    {
        var fields = RecordChanges.Parse("""{"title":"Patch every server","score":12}""");

        Assert.Equal([new FieldChange("Title", "—", "Patch every server"), new FieldChange("Score", "—", "12")], fields);
    }

    [Fact]
    public void Long_text_is_cut_to_the_longest_value_with_an_ellipsis()
    {
        var description = new string('x', 500);

        var field = Assert.Single(RecordChanges.Parse($$"""{"description":["", "{{description}}"]}"""));

        Assert.Equal("—", field.Before);
        Assert.Equal(RecordChanges.LongestValue, field.After.Length);
        Assert.EndsWith("…", field.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Changes_that_are_not_an_object_of_fields_give_no_lines(string changes) => Assert.Empty(RecordChanges.Parse(changes));
}
