namespace MlNetAdversarial.Tests;

/// <summary>One variant's float64 PyTorch reference (see tools/export_torchvision_architectures.py).</summary>
internal sealed record ArchitectureReference(string Architecture, int ImageSize, int Images, double[] Epsilons, int Clean, int[] Robust,
    int[] CleanPredictions, int[][] RobustPredictions, int[][] Float32RobustPredictions, double[][] Float64Scores,
    IReadOnlyDictionary<string, ArchitectureFile> Onnx);
