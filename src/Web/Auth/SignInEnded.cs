namespace IsmsCloud.Web.Auth;

/// <summary>
/// Remembers, across the redirects that follow, that the sign-in was signed out because identity-api ended it, so
/// that the next sign-in attempt first tells the user why (<c>/?signin=ended</c>) instead of silently sending them to
/// identity-api, which would refuse them or sign them into another of their tenants. Same request: an item; the
/// requests after it: a short-lived cookie that says nothing but that.
/// </summary>
public static class SignInEnded
{
    private const string CookieName = "isms.signin-ended";
    private static readonly object ItemKey = new();

    public static void Mark(HttpContext context)
    {
        context.Items[ItemKey] = true;
        context.Response.Cookies.Append(CookieName, "1", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(10),
            IsEssential = true,
        });
    }

    /// <summary>Whether the sign-in ended in this request or one shortly before; forgets it, so it is told once.</summary>
    public static bool Take(HttpContext context)
    {
        var marked = context.Items.ContainsKey(ItemKey) || context.Request.Cookies.ContainsKey(CookieName);
        if (marked)
        {
            context.Items.Remove(ItemKey);
            context.Response.Cookies.Delete(CookieName);
        }

        return marked;
    }
}
