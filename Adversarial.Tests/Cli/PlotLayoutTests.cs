using System.Globalization;
using System.Xml.Linq;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Cli;

/// <summary>
/// The plots a real <c>sweep --out</c> draws, read back from their SVG (which places every glyph): class names that do not
/// run into each other, a title on every axis, and a Wilson band that says its width when it is thinner than the line.
/// </summary>
public sealed class PlotLayoutTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void CifarClassNamesDoNotOverlapAndEveryAxisHasATitle()
    {
        using var folder = new TempFolder();
        CliProcess.Run(null, "sweep", "--dataset", "cifar10", "--limit", "40", "--epsilons", "0.03", "--out", folder.File("report"));
        string plots = Path.Combine(folder.File("report"), "plots");
        var names = DatasetRegistry.All.Find("cifar10")!.ClassNames.ToHashSet();
        foreach (string plot in new[] { "confusion-clean", "confusion-attacked", "per-class-accuracy" })
        {
            var labels = Texts(Path.Combine(plots, plot + ".svg")).Where(t => names.Contains(t.Text)).ToArray();
            // Names under the plot share their y, names beside it their x.
            foreach (var axis in labels.GroupBy(l => Math.Round(l.OriginY)).Where(g => g.Count() > 1).Concat(labels.GroupBy(l => Math.Round(l.OriginX)).Where(g => g.Count() > 1)))
                AssertApart(plot, axis.ToArray());
            Assert.True(labels.Length >= (plot.StartsWith("confusion", StringComparison.Ordinal) ? 20 : 10), $"{plot}: {labels.Length} class names drawn");
        }
        AssertTitles(Path.Combine(plots, "confusion-clean.svg"), "predicted class", "true class", "images");
        AssertTitles(Path.Combine(plots, "per-class-accuracy.svg"), "class", "accuracy");
        AssertTitles(Path.Combine(plots, "accuracy-vs-epsilon.svg"), "epsilon", "test accuracy");

        // The sample grid: every caption ("automobile → truck") inside the figure, and rows named with the budget's norm.
        string grid = Path.Combine(plots, "adversarial-examples.svg");
        double width = double.Parse((string)XDocument.Load(grid).Root!.Attribute("width")!, CultureInfo.InvariantCulture);
        var captions = Texts(grid).Where(t => t.Text.Contains('→', StringComparison.Ordinal) && !t.Text.Contains("true → predicted", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(captions);
        foreach (var caption in captions)
            Assert.True(caption.OriginX + caption.End <= width, $"'{caption.Text}' ends at {caption.OriginX + caption.End:0.0} px of a {width} px figure");
        Assert.Contains("clean", Texts(grid).Select(t => t.Text));
        Assert.Contains("L-inf eps = 0.03", Texts(grid).Select(t => t.Text));
    }

    [Fact]
    public void AnL2SampleGridNamesTheNormOfItsRows()
    {
        using var folder = new TempFolder();
        CliProcess.Run(null, "sweep", "--dataset", "mnist", "--limit", "20", "--attack", "pgd", "--norm", "l2", "--steps", "5", "--epsilons", "2", "--out", folder.File("report"));
        Assert.Contains("L2 eps = 2", Texts(Path.Combine(folder.File("report"), "plots", "adversarial-examples.svg")).Select(t => t.Text));
    }

    [Fact]
    public void AtTenThousandImagesTheLegendStatesTheBandWidth()
    {
        using var folder = new TempFolder();
        CliProcess.Run(null, "sweep", "--dataset", "mnist", "--out", folder.File("report"));
        var legend = Texts(Path.Combine(folder.File("report"), "plots", "accuracy-vs-epsilon.svg")).Select(t => t.Text)
            .Single(t => t.StartsWith("95% CI (Wilson)", StringComparison.Ordinal));
        Assert.Matches(@"^95% CI \(Wilson\), 0\.\d+ to \d\.\d+ percentage points wide; the line hides it where it is under 0\.\d+ points wide$", legend);
    }

    private sealed record PlacedText(string Text, double OriginX, double OriginY, double Cos, double Sin, double Start, double End, double FontSize);

    /// <summary>Neighbouring names along one axis: level ones may not overlap, slanted or upright ones must be a line apart.</summary>
    private static void AssertApart(string plot, PlacedText[] axis)
    {
        bool vertical = axis.Select(l => Math.Round(l.OriginX)).Distinct().Count() == 1;
        var ordered = axis.OrderBy(l => vertical ? l.OriginY : l.OriginX).ToArray();
        for (int i = 1; i < ordered.Length; i++)
        {
            var (a, b) = (ordered[i - 1], ordered[i]);
            string pair = $"{plot}: '{a.Text}' and '{b.Text}'";
            if (vertical)
                Assert.True(b.OriginY - a.OriginY >= a.FontSize, $"{pair} are {b.OriginY - a.OriginY:0.0} px apart in {a.FontSize} px type");
            else if (Math.Abs(a.Sin) < 1e-6)
                Assert.True(a.OriginX + a.End <= b.OriginX + b.Start, $"{pair} overlap: {a.OriginX + a.End:0.0} > {b.OriginX + b.Start:0.0}");
            else
                Assert.True((b.OriginX - a.OriginX) * Math.Abs(a.Sin) >= a.FontSize, $"{pair}: slanted lines {(b.OriginX - a.OriginX) * Math.Abs(a.Sin):0.0} px apart");
        }
    }

    private static void AssertTitles(string svg, params string[] titles)
    {
        var texts = Texts(svg).Select(t => t.Text).ToHashSet();
        foreach (string title in titles)
            Assert.True(texts.Contains(title), $"{Path.GetFileName(svg)} has no axis title '{title}'");
    }

    /// <summary>Each text element with its origin, direction and the extent of its glyphs along its baseline.</summary>
    private static IEnumerable<PlacedText> Texts(string svg) =>
        XDocument.Load(svg).Descendants(Svg + "text").Select(element =>
        {
            double[] m = [1, 0, 0, 1, 0, 0];
            string transform = (string?)element.Attribute("transform") ?? "";
            var numbers = transform[(transform.IndexOf('(') + 1)..].TrimEnd(')').Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            if (transform.StartsWith("matrix", StringComparison.Ordinal))
                m = numbers;
            else if (transform.StartsWith("translate", StringComparison.Ordinal))
                (m[4], m[5]) = (numbers[0], numbers.Length > 1 ? numbers[1] : 0);
            double size = double.Parse((string?)element.Attribute("font-size") ?? "12", CultureInfo.InvariantCulture);
            var xs = ((string?)element.Attribute("x") ?? "0").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            // The last glyph's own width is not in the file: at most one em.
            return new PlacedText(element.Value.Trim(), m[4], m[5], m[0], m[1], xs.Min(), xs.Max() + size, size);
        });
}
