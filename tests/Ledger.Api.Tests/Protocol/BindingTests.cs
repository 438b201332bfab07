namespace Ledger.Api.Tests.Protocol;

/// <summary>The API has no authentication, so any address but loopback must be a deliberate choice that gets a warning.</summary>
public sealed class BindingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://192.168.1.10:5000", false)]
    public void OnlyLoopbackAddresses_CountAsLoopback(string address, bool loopback)
    {
        Assert.Equal(loopback, BindingCheck.IsLoopback(address));
    }
}
