using MlNetAdversarial.Pipelines.Storage;
using System.Text.Json;
using MlNetAdversarial.Pipelines.Evaluation;
using MlNetAdversarial.Pipelines.Reports;

namespace MlNetAdversarial.Pipelines.Regression;

/// <summary>
/// A committed record of how robust a model was: dataset, model hash, attack, and per-ε counts. Tests
/// compare a fresh sweep against it with <see cref="RobustnessAssert"/>.
/// </summary>
/// <param name="Dataset">Dataset name.</param>
/// <param name="Model">Model name.</param>
/// <param name="ModelSha256">Weights SHA-256 when the baseline was written.</param>
/// <param name="Attack">Attack name.</param>
/// <param name="AttackParameters">Attack parameters.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="ToolVersion">Tool version that wrote it.</param>
/// <param name="Epsilons">Per-ε counts (ε = null: minimal-perturbation attack).</param>
public sealed record RobustnessBaseline(string Dataset, string Model, string ModelSha256, string Attack,
    IReadOnlyDictionary<string, string>? AttackParameters, int Seed, string ToolVersion, IReadOnlyList<BaselineRow> Epsilons)
{
    /// <summary>The baseline of a sweep result.</summary>
    public static RobustnessBaseline From(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return new(sweep.Dataset, sweep.Model, sweep.ModelSha256, sweep.Attack, sweep.AttackParameters, sweep.Seed, ToolInfo.Version,
            sweep.Epsilons.Select(r => new BaselineRow(r.Epsilon, r.Correct, r.Total, r.Accuracy)).ToArray());
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="InvalidDataException">The file is not a baseline.</exception>
    public static RobustnessBaseline Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RobustnessBaseline>(File.ReadAllText(path), JsonFiles.Options)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a robustness baseline: {e.Message}", e);
        }
    }

    /// <summary>Writes the baseline (temporary file, then rename).</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, JsonFiles.Options));
        File.Move(temp, full, overwrite: true);
    }
}
