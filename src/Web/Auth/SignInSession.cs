namespace IsmsCloud.Web.Auth;

/// <summary>
/// The sign-in as one circuit (or one prerendering request) sees it. When identity-api refuses to go on with it (the
/// member was removed or suspended, the tenant suspended), whoever found out says so here, and the layout's
/// <c>SignInEndedRedirect</c> takes the browser to the page that explains it and offers to sign in again.
/// </summary>
public sealed class SignInSession
{
    public event Action? Ended;

    public bool HasEnded { get; private set; }

    public void End()
    {
        if (HasEnded)
        {
            return;
        }

        HasEnded = true;
        Ended?.Invoke();
    }
}
