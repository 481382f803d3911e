namespace IsmsCloud.Web.Auth;

public static class LocalUrl
{
    /// <summary>
    /// The return URL when it stays on this site, otherwise "/": an open redirect after sign-in would let a link
    /// send a freshly signed-in user anywhere. Control characters are refused too: browsers drop a tab or newline,
    /// so "/\t/evil.example" would become "//evil.example".
    /// </summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
