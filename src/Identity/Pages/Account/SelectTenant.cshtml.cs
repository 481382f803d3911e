using IsmsCloud.Identity.Connect;
using IsmsCloud.Identity.Infrastructure;
using IsmsCloud.Identity.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace IsmsCloud.Identity.Pages.Account;

/// <summary>Shown by the authorize endpoint when the user can act for several tenants (or as platform admin).</summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed class SelectTenantModel(UserManager<ApplicationUser> users, IdentityDbContext db, TimeProvider clock) : PageModel
{
    public string AuthorizePath { get; private set; } = "/connect/authorize";
    public List<KeyValuePair<string, string>> Parameters { get; } = [];
    public List<(string Value, string Label)> Choices { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        if (returnUrl is null || !returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal))
        {
            return BadRequest();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // The choice is submitted back to the authorize endpoint with the original parameters plus "tenant".
        foreach (var (key, values) in QueryHelpers.ParseQuery(returnUrl[(returnUrl.IndexOf('?', StringComparison.Ordinal) + 1)..]))
        {
            Parameters.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
        }

        foreach (var membership in await ConnectEndpoints.ActiveMembershipsAsync(db, user.Id, clock.GetUtcNow(), HttpContext.RequestAborted))
        {
            Choices.Add((membership.Tenant.Id.ToString(), $"{membership.Tenant.Name} — {membership.Role}"));
        }

        if (user.IsPlatformAdmin)
        {
            Choices.Add((ConnectEndpoints.PlatformChoice, "Platform administration"));
        }

        return Page();
    }
}
