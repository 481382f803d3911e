using IsmsCloud.Web.Api.Suppliers;

namespace IsmsCloud.Web.Components.Pages.Suppliers;

/// <summary>Signal 5's reasons as people read them.</summary>
public static class GapText
{
    public static string Of(GapReason reason) => Words.Of(reason);
}
