namespace Ledger.Web.Access;

/// <summary>
/// Endpoint metadata: the permission a route needs, taken from the command it sends (<see cref="CommandPermissions"/>).
/// Inert with sign-in off; with it on, <see cref="ApiAccessGuard"/> enforces it before the body is even read.
/// </summary>
public sealed record RequiresPermission(Permission Permission);

public static class RequiresPermissionExtensions
{
    /// <summary>Marks a route as sending <typeparamref name="TCommand"/>: it needs what that command needs.</summary>
    public static RouteHandlerBuilder Sends<TCommand>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresPermission(CommandPermissions.For<TCommand>()));
}
