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
            written.AddRange(Save(AccuracyPlot(request.Title, accuracy), request.OutputFolder, "accuracy-vs-epsilon", 800, 500));
        if (request.Samples is { } samples)
        {
            var (plot, width, height) = SampleGridPlot.Create(request.Title, samples);
            written.AddRange(Save(plot, request.OutputFolder, "adversarial-examples", width, height));
        }
        if (request.Confusion is { } confusion)
        {
            written.AddRange(Save(ConfusionPlot(request.Title, "clean", confusion.ClassNames, confusion.Clean), request.OutputFolder, "confusion-clean", 700, 640));
            written.AddRange(Save(ConfusionPlot(request.Title, confusion.AttackedLabel, confusion.ClassNames, confusion.Attacked),
                request.OutputFolder, "confusion-attacked", 700, 640));
        }
        if (request.PerClass is { } perClass)
            written.AddRange(Save(PerClassPlot(request.Title, perClass), request.OutputFolder, "per-class-accuracy", 900, 500));
        return written;
    }

    private static Plot AccuracyPlot(string title, AccuracyCurve curve)
    {
        var plot = new Plot();
        var band = plot.Add.FillY(curve.Epsilons, curve.Low, curve.High);
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        band.LineWidth = 0;
        band.LegendText = "95% CI (Wilson)";
        var line = plot.Add.Scatter(curve.Epsilons, curve.Accuracy, Colors.SteelBlue);
        line.LegendText = "accuracy (in memory)";
        if (curve.Quantized is { } quantized)
        {
            var saved = plot.Add.Scatter(curve.Epsilons, quantized, Colors.OrangeRed);
            saved.LegendText = "accuracy (saved 8-bit images)";
            saved.LinePattern = LinePattern.Dashed;
        }
        plot.Title($"{title}: accuracy vs epsilon");
        plot.XLabel("epsilon");
        plot.YLabel("test accuracy");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static Plot ConfusionPlot(string title, string which, string[] classNames, int[][] counts)
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
        plot.Axes.Bottom.SetTicks(positions, classNames);
        plot.Axes.Left.SetTicks(positions, classNames.Reverse().ToArray());
        plot.Title($"{title}: confusion matrix ({which})");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Add.ColorBar(heatmap);
        return plot;
    }

    private static Plot PerClassPlot(string title, ClassAccuracies perClass)
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
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(k => 3.0 * k + 0.5).ToArray(), perClass.ClassNames);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "clean", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = perClass.AttackedLabel, FillColor = Colors.OrangeRed });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, 1.15);
        plot.Title($"{title}: accuracy per class");
        plot.YLabel("accuracy");
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
