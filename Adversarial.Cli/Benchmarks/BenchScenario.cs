namespace MlNetAdversarial.Cli.Benchmarks;

/// <summary>One benchmark scenario: a name, how many images one run attacks, and the run itself.</summary>
/// <param name="Name">Scenario name on the command line.</param>
/// <param name="Description">What it measures.</param>
/// <param name="Prepare">Loads what the runs need (not timed) and returns the timed run; it returns attacked images.</param>
internal sealed record BenchScenario(string Name, string Description, Func<string?, Func<long>> Prepare);
