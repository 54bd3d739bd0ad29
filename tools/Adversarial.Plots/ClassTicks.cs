using ScottPlot;

namespace MlNetAdversarial.Plots;

/// <summary>Puts class names on an axis in the <see cref="TickLayout"/> that keeps them apart at the size the plot is saved at.</summary>
internal static class ClassTicks
{
    public static void Apply(Plot plot, IAxis axis, double[] positions, string[] names, int width, int height, bool alongText)
    {
        // The data area, and so the spacing of the ticks, is known only after a render at the final size.
        plot.RenderInMemory(width, height);
        var area = plot.LastRender.DataRect;
        var limits = plot.Axes.GetLimits();
        bool vertical = axis.Edge is Edge.Left or Edge.Right;
        double span = vertical ? limits.Top - limits.Bottom : limits.Right - limits.Left;
        double pixels = vertical ? area.Height : area.Width;
        double spacing = positions.Length < 2 ? pixels : Math.Abs(positions[1] - positions[0]) * pixels / span;
        var unit = new LabelStyle { FontSize = 1 };
        using var paint = Paint.NewDisposablePaint();
        var widths = names.Select(n => (double)unit.Measure(n, paint).Width).ToArray();
        var layout = TickLayout.For(widths, spacing, alongText);
        var shown = Enumerable.Range(0, names.Length).Where(i => i % layout.Step == 0).ToArray();
        axis.SetTicks(shown.Select(i => positions[i]).ToArray(), shown.Select(i => names[i]).ToArray());
        axis.TickLabelStyle.FontSize = layout.FontSize;
        axis.TickLabelStyle.Rotation = (float)layout.Angle;
        if (layout.Angle != 0)
            axis.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        axis.MinimumSize = (float)(layout.Depth + 20);
    }
}
