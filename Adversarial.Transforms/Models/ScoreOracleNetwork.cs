using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// A score oracle in the place of a network, so that scoring, sweeps and reports take a black box as they take any model;
/// it gives log-probabilities and no gradient (attacks that need one are refused before they run).
/// </summary>
internal sealed class ScoreOracleNetwork(IScoreOracle oracle) : nn.Module<Tensor, Tensor>("black-box")
{
    public IScoreOracle Oracle { get; } = oracle;

    public override Tensor forward(Tensor input) => Oracle.Scores(input);
}
