namespace MlNetAdversarial.Tests;

/// <summary>The clone the tests were built in (notebooks, scripts and README live there, not in the libraries).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlNetAdversarial.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No MlNetAdversarial.sln above {AppContext.BaseDirectory}: run the tests from the clone.");
    }
}
