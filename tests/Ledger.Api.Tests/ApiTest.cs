namespace Ledger.Api.Tests;

/// <summary>
/// A test class on the shared <see cref="ApiFixture"/>: one app and database for the class, its client at
/// hand; tests keep apart by using account ids of their own (<see cref="Api.OpenNewAsync"/>).
/// </summary>
public abstract class ApiTest(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    protected ApiFixture Fixture => fixture;

    protected HttpClient Client => fixture.Client;
}
