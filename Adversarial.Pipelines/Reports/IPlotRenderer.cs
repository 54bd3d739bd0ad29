using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Pipelines.Reports;

/// <summary>Draws a report's plots. <see cref="ChildProcessPlotRenderer"/> is the library's; give your own to draw them otherwise.</summary>
public interface IPlotRenderer
{
    /// <summary>Renders every plot of the request into its folder; returns the files written.</summary>
    IReadOnlyList<string> Render(PlotRequest request);
}
