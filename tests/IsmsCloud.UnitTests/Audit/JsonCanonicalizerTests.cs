using System.Buffers.Binary;
using System.Text;
using IsmsCloud.BuildingBlocks.Audit;

namespace IsmsCloud.UnitTests.Audit;

/// <summary>RFC 8785 (JSON Canonicalization Scheme), checked against the RFC's own examples and number vectors.</summary>
public sealed class JsonCanonicalizerTests
{
    // Appendix B: IEEE 754 bit patterns and what ECMAScript writes for them.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_are_written_as_ecmascript_writes_the_double(string ieee754, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieee754)));

        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.1, "0.1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(4.35, "4.35")]
    [InlineData(100, "100")]
    [InlineData(9007199254740994, "9007199254740994")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(5e-321, "5e-321")]
    public void More_numbers_at_the_edges_of_plain_notation(double value, string expected) =>
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NaN_and_infinity_are_refused(double value) =>
        Assert.Throws<FormatException>(() => JsonCanonicalizer.FormatNumber(value));

    [Fact]
    public void The_rfcs_example_of_section_3_2_2_canonicalises_to_its_bytes()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = JsonCanonicalizer.Canonicalize(input);

        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""", canonical);
        // §3.2.4: the UTF-8 bytes, as the RFC lists them.
        Assert.Equal(
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d",
            Convert.ToHexStringLower(Encoding.UTF8.GetBytes(canonical)));
    }

    [Fact]
    public void Members_are_sorted_by_utf16_code_units_as_in_section_3_2_3()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = JsonCanonicalizer.Canonicalize(input);

        // U+1F600 (a surrogate pair starting 0xD83D) sorts before U+FB33 by code units, though after it by code points.
        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\"," +
            "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            canonical);
    }

    [Fact]
    public void Nested_objects_are_sorted_and_whitespace_goes()
    {
        Assert.Equal("""{"a":{"b":[1,{"c":null,"d":"x"}],"e":true},"f":[]}""",
            JsonCanonicalizer.Canonicalize("""{ "f" : [ ], "a" : { "e" : true, "b" : [ 1.0, { "d" : "x", "c" : null } ] } }"""));
    }

    [Theory]
    [InlineData("\"\\u0000\\u0001\\u001f\"", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u007f\\u0085\\u2028\\u2029\"", "\"\u007f\u0085\u2028\u2029\"")]
    [InlineData("\"\\/ \\u00e9 \\\" \\\\\"", "\"/ é \\\" \\\\\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"😀\"")]
    public void Strings_escape_only_what_json_requires(string input, string expected) =>
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(input));

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00x\"")]
    [InlineData("1e400")]
    [InlineData("{")]
    public void What_i_json_forbids_is_refused(string input) =>
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(input));
}
