using IsmsCloud.Identity.Members;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IsmsCloud.Identity.Pages.Account;

/// <summary>The page behind an invitation link: a new person sets a name and password; an existing user confirms with theirs.</summary>
public sealed class AcceptInvitationModel(Invitations invitations, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string? Confirm { get; set; }

    public OpenInvitation? Invitation { get; private set; }
    public List<string> Errors { get; } = [];
    /// <summary>The tenant joined, once accepted.</summary>
    public string? Joined { get; private set; }

    public async Task OnGetAsync() => Invitation = await invitations.OpenAsync(Token, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Invitation = await invitations.OpenAsync(Token, HttpContext.RequestAborted);
        if (Invitation is null)
        {
            return Page();
        }

        if (Invitation.ExistingUser is null && Password != Confirm)
        {
            Errors.Add("The two passwords differ.");
            return Page();
        }

        var result = await invitations.AcceptAsync(Invitation, DisplayName, Password, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors);
            // Still pending (a wrong password, a weak one) unless the stamp found it used or revoked meanwhile.
            if (result.Errors.Contains(Invitations.NotValid))
            {
                Invitation = null;
            }

            return Page();
        }

        // Signed in at identity, so opening the workspace needs no second password entry.
        await signIn.SignInAsync(result.User!, isPersistent: false);
        Joined = Invitation.Tenant.Name;
        Invitation = null;
        return Page();
    }
}
