// Shared by the plotting process and Adversarial.Pipelines (linked source): the JSON contract between them.
namespace MlNetAdversarial.Plots;

/// <summary>What to draw, and where.</summary>
/// <param name="Title">Title prefix of every plot.</param>
/// <param name="OutputFolder">Folder the PNG and SVG files go to.</param>
/// <param name="Accuracy">Accuracy against ε with its 95% band, or null.</param>
/// <param name="Samples">Grid of sample images (rows = ε), or null.</param>
/// <param name="Confusion">Clean and attacked confusion matrices, or null.</param>
/// <param name="PerClass">Per-class accuracy clean and attacked, or null.</param>
/// <param name="Comparison">Several accuracy curves on one pair of axes (one per dataset of a sweep), or null.</param>
public sealed record PlotRequest(
    string Title,
    string OutputFolder,
    AccuracyCurve? Accuracy,
    SampleGrid? Samples,
    ConfusionPair? Confusion,
    ClassAccuracies? PerClass,
    LabelledCurve[]? Comparison = null);

/// <summary>One curve of a comparison, with its legend label ("mnist: cifar-resnet trained on mnist").</summary>
public sealed record LabelledCurve(string Label, AccuracyCurve Curve);

/// <summary>Accuracy per ε with Wilson 95% bounds; optionally the accuracy of the saved (8-bit) images.</summary>
public sealed record AccuracyCurve(double[] Epsilons, double[] Accuracy, double[] Low, double[] High, double[]? Quantized = null);

/// <summary>Sample images: one row per ε, all rows showing the same images; <paramref name="Norm"/> names the budgets' norm ("L-inf", "L2").</summary>
public sealed record SampleGrid(int Channels, int Height, int Width, SampleRow[] Rows, string Norm = "");

/// <summary>One ε's row of the grid (NaN: an attack without a budget).</summary>
public sealed record SampleRow(double Epsilon, SampleCell[] Cells);

/// <summary>One image in [0, 1], channel-height-width, titled "true → predicted".</summary>
public sealed record SampleCell(string Title, float[] Pixels);

/// <summary>Confusion counts [true][predicted] before and after the attack.</summary>
public sealed record ConfusionPair(string[] ClassNames, int[][] Clean, int[][] Attacked, string AttackedLabel);

/// <summary>Accuracy per class before and after the attack.</summary>
public sealed record ClassAccuracies(string[] ClassNames, double[] Clean, double[] Attacked, string AttackedLabel);
