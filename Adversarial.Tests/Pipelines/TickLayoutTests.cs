using MlNetAdversarial.Pipelines.Datasets;
using MlNetAdversarial.Plots;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>Class names on the plots' axes never overlap, whatever the class count and name lengths.</summary>
public sealed class TickLayoutTests
{
    // A conservative width of a character at font size 1 (the plots measure the real text; DejaVu Sans averages about 0.6).
    private const double CharacterWidth = 0.7;

    public static TheoryData<string, int, double> Layouts()
    {
        var rows = new TheoryData<string, int, double>();
        var names = DatasetRegistry.All.Select(d => (d.Name, d.ClassNames.ToArray()))
            .Append(("long names", Enumerable.Range(0, 10).Select(i => $"class-with-a-long-name-{i}").ToArray()));
        foreach (var (label, classes) in names)
            foreach (int count in new[] { 2, 5, 10, 20, 50, 100, 200 })
                foreach (double axisPixels in new[] { 480.0, 780.0 })
                    rows.Add(label, count, axisPixels);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void NeighbouringNamesFitBetweenTheirTicks(string names, int count, double axisPixels)
    {
        var classes = names == "long names" ? Enumerable.Range(0, count).Select(i => $"class-with-a-long-name-{i}").ToArray()
            : Enumerable.Range(0, count).Select(i => DatasetRegistry.All.Find(names)!.ClassNames[i % 10] + (i >= 10 ? i.ToString() : "")).ToArray();
        var widths = classes.Select(c => c.Length * CharacterWidth).ToArray();
        double spacing = axisPixels / count;
        foreach (bool alongText in new[] { false, true })
        {
            var layout = TickLayout.For(widths, spacing, alongText);
            Assert.InRange(layout.FontSize, TickLayout.SmallestFont, TickLayout.LargestFont);
            Assert.True(widths.All(w => layout.Footprint(w, alongText) <= spacing * layout.Step),
                $"{count} {names} at {spacing:0.0} px: angle {layout.Angle}, font {layout.FontSize}, step {layout.Step}");
        }
    }

    [Fact]
    public void CifarNamesUnderATenClassConfusionMatrixAreSlantedNotShrunkOrSkipped()
    {
        var widths = DatasetRegistry.All.Find("cifar10")!.ClassNames.Select(c => c.Length * 0.6).ToArray();
        var layout = TickLayout.For(widths, 48);
        Assert.Equal(45, layout.Angle);
        Assert.Equal(1, layout.Step);
    }
}
