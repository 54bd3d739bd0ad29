namespace MlNetAdversarial.Pipelines.Regression;

/// <summary>A model is significantly less robust (or less accurate) than its baseline; the message shows both tables.</summary>
public sealed class RobustnessRegressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RobustnessRegressionException(string message) : base(message)
    {
    }
}
