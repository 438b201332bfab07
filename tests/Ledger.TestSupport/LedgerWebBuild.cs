namespace Ledger.TestSupport;

/// <summary>Where src/Ledger.Web and its build output are, found from the running test's own output folder.</summary>
public static class LedgerWebBuild
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }

    public static string ProjectDirectory() => Path.Combine(RepositoryRoot(), "src", "Ledger.Web");

    /// <summary>Ledger.Web.dll built in the same configuration as the running tests (their output is bin/&lt;configuration&gt;/net10.0/).</summary>
    public static string Dll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(ProjectDirectory(), "bin", configuration, "net10.0", "Ledger.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build Ledger.Web ({configuration}) first; expected {dll}.");
    }
}
