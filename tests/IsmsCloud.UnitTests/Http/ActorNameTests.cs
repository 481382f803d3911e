using System.Security.Claims;
using IsmsCloud.BuildingBlocks.Http;
using IsmsCloud.Contracts;

namespace IsmsCloud.UnitTests.Http;

/// <summary>Who-did-it, the same in every service: the lower-cased e-mail as the key, the display name beside it.</summary>
public sealed class ActorNameTests
{
    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    [Fact]
    public void A_person_is_keyed_by_the_lower_cased_email_and_named_by_the_name_claim()
    {
        var actor = ActorName.Of(User((IsmsClaims.Email, " Ana@Acme.Example "), (IsmsClaims.Name, "Ana Lima"), (IsmsClaims.Subject, "u-1")));

        Assert.Equal(new ActorName("ana@acme.example", "Ana Lima"), actor);
    }

    [Fact]
    public void An_integration_without_email_is_keyed_by_its_subject_and_named_by_the_key_when_unnamed()
    {
        Assert.Equal(new ActorName("client-7", "client-7"), ActorName.Of(User((IsmsClaims.Subject, "client-7"))));
        Assert.Equal("unknown", ActorName.Of(User()).Key);
    }
}
