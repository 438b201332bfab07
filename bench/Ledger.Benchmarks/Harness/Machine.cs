using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Harness;

/// <summary>What the figures were measured on: they mean little without it.</summary>
public sealed record Machine(
    string Cpu,
    int Cores,
    string Memory,
    string Os,
    string Runtime,
    string SqliteVersion,
    string FileSystem,
    string LoadAverage)
{
    public static Machine Describe(string dataDirectory)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var sqlite = (string)command.ExecuteScalar()!;
        return new Machine(
            Cpu: FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Cores: Environment.ProcessorCount,
            Memory: MemTotal(),
            Os: (OsRelease() ?? RuntimeInformation.OSDescription) + $" (kernel {Environment.OSVersion.Version})",
            Runtime: $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})",
            SqliteVersion: sqlite + " (SQLitePCLRaw e_sqlite3 bundle, via Microsoft.Data.Sqlite)",
            FileSystem: FileSystemOf(dataDirectory),
            LoadAverage: ReadLoad());
    }

    public static string ReadLoad() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double OneMinuteLoad() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static string? FirstValue(string path, string key) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string MemTotal()
    {
        var kb = FirstValue("/proc/meminfo", "MemTotal")?.Replace("kB", "", StringComparison.Ordinal).Trim();
        return kb is null ? "n/a" : $"{long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0:N1} GiB";
    }

    private static string? OsRelease() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").Where(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)).Select(l => l["PRETTY_NAME=".Length..].Trim('"')).FirstOrDefault()
            : null;

    /// <summary>The mount the scratch databases live on: fsync costs depend on it.</summary>
    private static string FileSystemOf(string directory)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "n/a";
        }

        var full = Path.GetFullPath(directory);
        var best = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(p => p.Length > 2 && full.StartsWith(p[1], StringComparison.Ordinal))
            .MaxBy(p => p[1].Length);
        return best is null ? "n/a" : $"{best[2]} on {best[0]} (mounted at {best[1]}); scratch folder {full}";
    }
}
