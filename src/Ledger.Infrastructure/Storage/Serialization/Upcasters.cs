using System.Text.Json.Nodes;

namespace Ledger.Infrastructure.Storage.Serialization;

/// <summary>Turns a payload stored at <see cref="FromVersion"/> into the shape of version FromVersion + 1.</summary>
public interface IUpcaster
{
    string EventType { get; }

    int FromVersion { get; }

    JsonObject Upcast(JsonObject payload);
}

/// <summary>Version 1 deposits had no description; they read as "Deposit", which is what the UI showed then.</summary>
public sealed class MoneyDepositedV1ToV2 : IUpcaster
{
    public string EventType => "MoneyDeposited";

    public int FromVersion => 1;

    public JsonObject Upcast(JsonObject payload)
    {
        payload.TryAdd("description", Domain.Accounts.DepositMoney.DefaultDescription);
        return payload;
    }
}

public static class Upcasters
{
    public static IReadOnlyList<IUpcaster> All { get; } = [new MoneyDepositedV1ToV2()];
}
