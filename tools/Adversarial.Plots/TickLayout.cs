namespace MlNetAdversarial.Plots;

/// <summary>
/// How the class names under (or beside) a plot are drawn so neighbours never overlap: level, slanted 45° or upright,
/// in the largest font that fits from 12 down to 7 points, and only every <see cref="Step"/>-th name when even that is
/// too crowded. Widths are measured at 1 point and scale with the font.
/// </summary>
/// <param name="Angle">0, 45 or 90 degrees.</param>
/// <param name="FontSize">The font size the names are drawn in.</param>
/// <param name="Step">1 to name every class, k to name every k-th.</param>
/// <param name="Depth">The room the names take across the axis, in pixels (the axis panel's size).</param>
internal sealed record TickLayout(double Angle, float FontSize, int Step, double Depth)
{
    /// <summary>The height of a line of text, in font sizes.</summary>
    public const double LineHeight = 1.3;

    /// <summary>The largest font the names are drawn in.</summary>
    public const float LargestFont = 12;

    /// <summary>The smallest font the names are drawn in; below it names are left out instead.</summary>
    public const float SmallestFont = 7;

    private const double Padding = 4;

    /// <summary>The layout for names of the given widths (pixels at font size 1), one per <paramref name="spacing"/> pixels along the axis.</summary>
    /// <param name="widths">Each name's width at font size 1.</param>
    /// <param name="spacing">Pixels between neighbouring ticks.</param>
    /// <param name="alongText">True for a left axis, whose names are level and stacked: only their height counts.</param>
    public static TickLayout For(IReadOnlyList<double> widths, double spacing, bool alongText = false)
    {
        double widest = widths.Count == 0 ? 0 : widths.Max();
        for (float size = LargestFont; size >= SmallestFont; size--)
        {
            double width = widest * size, line = LineHeight * size;
            if (alongText ? line + Padding <= spacing : width + Padding <= spacing)
                return new TickLayout(0, size, 1, (alongText ? width : line) + Padding);
            if (alongText)
                continue;
            if (line * Math.Sqrt(2) + Padding <= spacing)
                return new TickLayout(45, size, 1, (width + line) / Math.Sqrt(2) + Padding);
            if (line + Padding <= spacing)
                return new TickLayout(90, size, 1, width + Padding);
        }
        double smallest = LineHeight * SmallestFont + Padding;
        int step = (int)Math.Ceiling(smallest / spacing);
        return new TickLayout(alongText ? 0 : 90, SmallestFont, step, widest * SmallestFont + Padding);
    }

    /// <summary>The room one name of <paramref name="width"/> (at font size 1) takes along the axis: what must fit between ticks.</summary>
    public double Footprint(double width, bool alongText = false) => alongText ? LineHeight * FontSize : Angle switch
    {
        0 => width * FontSize,
        45 => LineHeight * FontSize * Math.Sqrt(2),
        _ => LineHeight * FontSize,
    };
}
