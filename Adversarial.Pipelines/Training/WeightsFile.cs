using TorchSharp;

namespace MlNetAdversarial.Pipelines.Training;

/// <summary>Saves weights through a temporary file and a rename, so a crash never leaves half a file.</summary>
internal static class WeightsFile
{
    public static void Save(torch.nn.Module network, string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            network.save(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
