namespace Ledger.Infrastructure.Application.Access;

/// <summary>Whether the ledger knows its users. Off (the default) every caller may do everything, as a single-user desktop app.</summary>
public sealed class AccessOptions
{
    /// <summary>With sign-in on, every command needs a caller whose role grants its permission, and is recorded under the caller's name.</summary>
    public bool SignInRequired { get; set; }
}
