namespace MlNetAdversarial.Pipelines.Evaluation;

/// <summary>
/// Two models at one ε, each attacked white-box on the same images: the paired 2×2 table of per-image outcomes, the
/// difference in robust accuracy with Newcombe's paired 95% interval, and the exact McNemar test.
/// </summary>
/// <param name="Epsilon">The budget (0: clean).</param>
/// <param name="Total">Images.</param>
/// <param name="CorrectA">Images model A gets right.</param>
/// <param name="CorrectB">Images model B gets right.</param>
/// <param name="BothCorrect">Right for both.</param>
/// <param name="OnlyA">Right for A only (the discordant pairs that favour A).</param>
/// <param name="OnlyB">Right for B only.</param>
/// <param name="NeitherCorrect">Wrong for both.</param>
/// <param name="Difference">Accuracy of A minus accuracy of B.</param>
/// <param name="DifferenceCi95Low">Newcombe (method 10) 95% interval, low end.</param>
/// <param name="DifferenceCi95High">Its high end.</param>
/// <param name="McNemarTwoSidedP">Exact McNemar, two-sided: do the models differ?</param>
/// <param name="McNemarBLowerP">Exact McNemar, one-sided: is B less accurate than A? (P(X ≥ OnlyA), X ~ Bin(OnlyA + OnlyB, ½)).</param>
public sealed record ComparisonRow(double Epsilon, int Total, int CorrectA, int CorrectB, int BothCorrect, int OnlyA, int OnlyB, int NeitherCorrect,
    double Difference, double DifferenceCi95Low, double DifferenceCi95High, double McNemarTwoSidedP, double McNemarBLowerP)
{
    /// <summary>Accuracy of A.</summary>
    public double AccuracyA => (double)CorrectA / Total;

    /// <summary>Accuracy of B.</summary>
    public double AccuracyB => (double)CorrectB / Total;
}
