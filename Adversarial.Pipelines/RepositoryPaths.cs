namespace MlNetAdversarial.Pipelines;

/// <summary>Where a clone of this repository is, when the tool runs from inside one.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding MlNetAdversarial.sln above the working folder or the program, or null.</summary>
    public static string? FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MlNetAdversarial.sln")))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The pretrained weights shipped beside the program.</summary>
    public static string ShippedModel(string fileName) => Path.Combine(AppContext.BaseDirectory, "models", fileName);
}
