using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ledger.Web.Access;

/// <summary>
/// Makes the circuit's signed-in user the <see cref="Caller"/> of everything a browser event starts (a click, a
/// key, a dialog's submit), including work it hands to <c>Task.Run</c>. Read afresh each time, so a sign-in that
/// revalidation ended stops counting at the next event.
/// </summary>
internal sealed class CallerCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            // Set inside this async method, so the value flows into next() and is gone when it returns.
            Caller.Set(LedgerPrincipal.CallerOf((await authentication.GetAuthenticationStateAsync()).User));
            await next(context);
        };
}
