namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>What a scenario is given from the command line.</summary>
/// <param name="DataDir">The folder of the dataset files, or null to find them as the tool does.</param>
/// <param name="Model">The model file of a scenario that takes one.</param>
/// <param name="Limit">How many test images a scenario that takes a model attacks.</param>
internal sealed record BenchInputs(string? DataDir, string? Model = null, int Limit = BenchInputs.DefaultLimit)
{
    public const int DefaultLimit = 1000;
}
