using System.Globalization;
using ScottPlot;

namespace MlNetAdversarial.Plots;

/// <summary>Draws each plot of a request with ScottPlot and saves it as PNG and SVG.</summary>
internal static class PlotRenderer
{
    public static IEnumerable<string> RenderAll(PlotRequest request)
    {
        var written = new List<string>();
        if (request.Accuracy is { } accuracy)
            written.AddRange(Save(AccuracyPlot(request.Title, accuracy, 800, 500), request.OutputFolder, "accuracy-vs-epsilon", 800, 500));
        if (request.Samples is { } samples)
        {
            var (plot, width, height) = SampleGridPlot.Create(request.Title, samples);
            written.AddRange(Save(plot, request.OutputFolder, "adversarial-examples", width, height));
        }
        if (request.Confusion is { } confusion)
        {
            written.AddRange(Save(ConfusionPlot(request.Title, "clean", confusion.ClassNames, confusion.Clean, 700, 640), request.OutputFolder, "confusion-clean", 700, 640));
            written.AddRange(Save(ConfusionPlot(request.Title, confusion.AttackedLabel, confusion.ClassNames, confusion.Attacked, 700, 640),
                request.OutputFolder, "confusion-attacked", 700, 640));
        }
        if (request.PerClass is { } perClass)
            written.AddRange(Save(PerClassPlot(request.Title, perClass, 900, 500), request.OutputFolder, "per-class-accuracy", 900, 500));
        if (request.Comparison is { Length: > 0 } comparison)
            written.AddRange(Save(ComparisonPlot(request.Title, comparison, 900, 520), request.OutputFolder, "accuracy-vs-epsilon-by-dataset", 900, 520));
        return written;
    }

    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen, Colors.DarkViolet, Colors.DarkOrange];

    private static Plot ComparisonPlot(string title, LabelledCurve[] curves, int width, int height)
    {
        var plot = new Plot();
        var lines = new List<(ScottPlot.Plottables.Scatter Line, LabelledCurve Curve)>();
        for (int i = 0; i < curves.Length; i++)
            lines.Add((AddCurve(plot, curves[i].Curve, Palette[i % Palette.Length], 0.2).Line, curves[i]));
        AccuracyAxes(plot, title, "epsilon (pixel scale [0, 1])", Alignment.UpperRight);
        double pixelsPerUnit = AccuracyPixelsPerUnit(plot, width, height);
        foreach (var (line, curve) in lines)
            line.LegendText = $"{curve.Label} (band: 95% CI{ThinBandNote(curve.Curve, pixelsPerUnit, line.LineWidth)})";
        return plot;
    }

    private static Plot AccuracyPlot(string title, AccuracyCurve curve, int width, int height)
    {
        var plot = new Plot();
        var (band, line) = AddCurve(plot, curve, Colors.SteelBlue, 0.35);
        line.LegendText = "accuracy (in memory)";
        if (curve.Quantized is { } quantized)
        {
            var saved = plot.Add.Scatter(curve.Epsilons, quantized, Colors.OrangeRed);
            saved.LegendText = "accuracy (saved 8-bit images)";
            saved.LinePattern = LinePattern.Dashed;
        }
        AccuracyAxes(plot, title, "epsilon", Alignment.LowerLeft);
        band.LegendText = $"95% CI (Wilson){ThinBandNote(curve, AccuracyPixelsPerUnit(plot, width, height), line.LineWidth)}";
        return plot;
    }

    /// <summary>
    /// On many images the Wilson band is narrower than the line drawn over it (0.5 points at 10,000 images and 98%):
    /// then the legend says how wide it is, since the eye cannot.
    /// </summary>
    private static string ThinBandNote(AccuracyCurve curve, double pixelsPerUnit, float lineWidth)
    {
        var widths = curve.High.Zip(curve.Low, (h, l) => h - l).ToArray();
        if (widths.Length == 0 || widths.Min() * pixelsPerUnit > lineWidth + 2)
            return "";
        return string.Create(CultureInfo.InvariantCulture,
            $", {widths.Min() * 100:0.0#} to {widths.Max() * 100:0.0#} percentage points wide; the line hides it where it is under {(lineWidth + 2) / pixelsPerUnit * 100:0.0#} points wide");
    }

    /// <summary>Pixels per unit of accuracy on the y axis, from a render at the size the plot is saved at.</summary>
    private static double AccuracyPixelsPerUnit(Plot plot, int width, int height)
    {
        plot.RenderInMemory(width, height);
        var range = plot.Axes.GetLimits();
        return plot.LastRender.DataRect.Height / (range.Top - range.Bottom);
    }

    /// <summary>An accuracy line over its Wilson band, in one colour.</summary>
    private static (ScottPlot.Plottables.FillY Band, ScottPlot.Plottables.Scatter Line) AddCurve(Plot plot, AccuracyCurve curve, Color color, double bandAlpha)
    {
        var band = plot.Add.FillY(curve.Epsilons, curve.Low, curve.High);
        band.FillColor = color.WithAlpha(bandAlpha);
        band.LineWidth = 0;
        return (band, plot.Add.Scatter(curve.Epsilons, curve.Accuracy, color));
    }

    private static Plot AccuracyAxes(Plot plot, string title, string xLabel, Alignment legend)
    {
        plot.Title($"{title}: accuracy vs epsilon");
        plot.XLabel(xLabel);
        plot.YLabel("test accuracy");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(legend);
        return plot;
    }

    private static Plot ConfusionPlot(string title, string which, string[] classNames, int[][] counts, int width, int height)
    {
        int n = classNames.Length;
        var values = new double[n, n];
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                values[t, p] = counts[t][p];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        double max = Math.Max(1, values.Cast<double>().Max());
        for (int t = 0; t < n; t++)
        {
            for (int p = 0; p < n; p++)
            {
                var text = plot.Add.Text(counts[t][p].ToString(CultureInfo.InvariantCulture), p, n - 1 - t);
                text.LabelFontColor = values[t, p] > max / 2 ? Colors.Black : Colors.White;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n > 10 ? 8 : 11;
            }
        }
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Title($"{title}: confusion matrix ({which})");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "images";
        ClassTicks.Apply(plot, plot.Axes.Bottom, positions, classNames, width, height, alongText: false);
        ClassTicks.Apply(plot, plot.Axes.Left, positions, classNames.Reverse().ToArray(), width, height, alongText: true);
        return plot;
    }

    private static Plot PerClassPlot(string title, ClassAccuracies perClass, int width, int height)
    {
        var plot = new Plot();
        int n = perClass.ClassNames.Length;
        var bars = new List<Bar>();
        for (int k = 0; k < n; k++)
        {
            bars.Add(new Bar { Position = 3 * k, Value = perClass.Clean[k], FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = 3 * k + 1, Value = perClass.Attacked[k], FillColor = Colors.OrangeRed });
        }
        plot.Add.Bars(bars);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "clean", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = perClass.AttackedLabel, FillColor = Colors.OrangeRed });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, 1.15);
        plot.Title($"{title}: accuracy per class");
        plot.XLabel("class");
        plot.YLabel("accuracy");
        ClassTicks.Apply(plot, plot.Axes.Bottom, Enumerable.Range(0, n).Select(k => 3.0 * k + 0.5).ToArray(), perClass.ClassNames, width, height, alongText: false);
        return plot;
    }

    private static IEnumerable<string> Save(Plot plot, string folder, string name, int width, int height)
    {
        string png = Path.Combine(folder, name + ".png");
        string svg = Path.Combine(folder, name + ".svg");
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return [png, svg];
    }
}
