using Ledger.Infrastructure.Storage;
using Ledger.Infrastructure.Storage.Model;
using Ledger.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Api.Tests.Protocol;

/// <summary>What callers see when something breaks that is not their fault: a bare 500 or 503, never internals.</summary>
public sealed class FailureTests
{
    private const string Secret = "connection string with password=hunter2";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task UnexpectedFailure_Is500ProblemWithoutDetails_InEveryEnvironment(string environment)
    {
        await using var factory = await LedgerApiFactory.CreateAsync(
            services: ForwardingEventStore.Install<ExplodingEventStore>,
            settings: new Dictionary<string, string> { ["environment"] = environment });
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/accounts", new { holderId = "h", currency = "EUR", initialDeposit = 1 });

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(environment, factory.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName);
        await response.ProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ExplodingEventStore), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WhenTheDatabaseDoesNotAnswer_Is503DatabaseUnavailable()
    {
        var broken = new BreakableContextFactory();
        await using var factory = await LedgerApiFactory.CreateAsync(services: s =>
        {
            var original = s.Single(d => d.ServiceType == typeof(IDbContextFactory<LedgerDbContext>));
            s.Remove(original);
            s.AddSingleton<IDbContextFactory<LedgerDbContext>>(sp => broken.Wrapping((IDbContextFactory<LedgerDbContext>)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        });
        using var client = factory.CreateClient();
        await client.GetJsonAsync("/health");

        broken.Broken = true;
        var response = await client.GetAsync("/health");

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionEscapingAnApiEndpoint_IsAnsweredByTheGlobalHandlerAs500ProblemWithoutDetails()
    {
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = "/api/accounts";
        context.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(context, new InvalidOperationException(Secret), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType?.Split(';')[0]);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"code\":\"internal_error\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionOutsideTheApi_IsLeftToTheAppsErrorPage()
    {
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Path = "/accounts";

        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException(Secret), CancellationToken.None));
    }

    private sealed class ExplodingEventStore : ForwardingEventStore
    {
        protected override Task<IReadOnlyList<StoredEvent>> AppendAsync(
            IEventStoreSession inner, IReadOnlyList<StreamAppend> appends, EventMetadata metadata, IdempotencyRecord? command, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }

    private sealed class BreakableContextFactory : IDbContextFactory<LedgerDbContext>
    {
        private IDbContextFactory<LedgerDbContext> inner = null!;

        public volatile bool Broken;

        public BreakableContextFactory Wrapping(IDbContextFactory<LedgerDbContext> factory)
        {
            inner = factory;
            return this;
        }

        public LedgerDbContext CreateDbContext() =>
            Broken ? throw new InvalidOperationException(Secret) : inner.CreateDbContext();

        public Task<LedgerDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Broken ? throw new InvalidOperationException(Secret) : inner.CreateDbContextAsync(cancellationToken);
    }
}
