using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Infrastructure.Application.Commands;
using Ledger.Infrastructure.Storage.Serialization;

namespace Ledger.Infrastructure.Application.Writing;

/// <summary>
/// Fingerprint of what a command asks for (its type and fields, not its id or sender), so a resend
/// can be told apart from a different request that reuses the same id.
/// </summary>
public static class RequestHash
{
    public static string Of(LedgerCommand command)
    {
        var json = JsonSerializer.Serialize(command, command.GetType(), EventSerializer.Options);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(command.GetType().Name + "\n" + json));
        return Convert.ToHexStringLower(bytes);
    }
}
