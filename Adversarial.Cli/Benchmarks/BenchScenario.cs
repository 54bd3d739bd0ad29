namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>One benchmark scenario: a name, how many images one run attacks, and the run itself.</summary>
/// <param name="Name">Scenario name on the command line.</param>
/// <param name="Description">What it measures.</param>
/// <param name="Prepare">Loads what the runs need (not timed) and returns the timed run; it returns attacked images (or image-steps).</param>
/// <param name="TakesModel">Whether the scenario attacks the model of <c>--model</c> (and then <c>--limit</c> images) instead of a shipped one.</param>
internal sealed record BenchScenario(string Name, string Description, Func<BenchInputs, Func<long>> Prepare, bool TakesModel = false);
