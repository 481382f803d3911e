using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IsmsCloud.Identity.Pages.Account;

/// <summary>The page behind the one-time link a new tenant admin receives.</summary>
public sealed class SetPasswordModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";

    public List<string> Errors { get; } = [];
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Password != Confirm)
        {
            Errors.Add("The two passwords differ.");
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        // The same message whether the user or the token is wrong: the page must not reveal who has an account.
        var result = user is null
            ? IdentityResult.Failed(new IdentityError { Description = "This link is not valid or has expired." })
            : await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "InvalidToken" ? "This link is not valid or has expired." : e.Description));
            return Page();
        }

        Done = true;
        return Page();
    }
}
