using Microsoft.Extensions.DependencyInjection;

namespace Ledger.TestSupport;

/// <summary>Runs work in a service scope of its own, as a request or a command-line verb has one.</summary>
public static class ScopedWork
{
    public static async Task<T> InScopeAsync<T>(this IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public static async Task InScopeAsync(this IServiceProvider services, Func<IServiceProvider, Task> work)
    {
        await using var scope = services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }
}
