namespace IsmsCloud.Web.Auth;

public static class WebClaims
{
    /// <summary>
    /// A random id this app gives each sign-in, kept in the auth cookie. It keys the user's tokens in
    /// <see cref="UserTokenStore"/>, so a circuit can find them without an HttpContext.
    /// </summary>
    public const string Session = "isms_web_session";
}
