using System.Globalization;
using ScottPlot;

namespace MlNetAdversarial.Plots;

/// <summary>
/// The FGSM tutorial's figure: rows are ε, columns are the same images, each titled "true → predicted".
/// Every image is an <see cref="ImageRect"/> placed in one shared coordinate system.
/// </summary>
internal static class SampleGridPlot
{
    private const double Cell = 1.0;
    private const double Gap = 0.35;
    private const int PixelsPerCell = 112;
    private const float CaptionFontSize = 12;
    private const double CaptionPadding = 8;

    public static (Plot Plot, int Width, int Height) Create(string title, SampleGrid grid)
    {
        var plot = new Plot();
        int rows = grid.Rows.Length;
        int columns = grid.Rows.Max(r => r.Cells.Length);
        string norm = grid.Norm.Length > 0 ? grid.Norm + " " : "";
        for (int r = 0; r < rows; r++)
        {
            var row = grid.Rows[r];
            double top = (rows - r) * (Cell + Gap);
            string name = double.IsNaN(row.Epsilon) ? "attacked" : row.Epsilon == 0 ? "clean"
                : $"{norm}eps = {row.Epsilon.ToString("0.####", CultureInfo.InvariantCulture)}";
            var label = plot.Add.Text(name, -0.15, top - Cell / 2);
            label.LabelAlignment = Alignment.MiddleRight;
            label.LabelFontSize = 13;
            for (int c = 0; c < row.Cells.Length; c++)
            {
                var cell = row.Cells[c];
                double left = c * (Cell + Gap / 2);
                plot.Add.ImageRect(ToImage(grid, cell.Pixels), new CoordinateRect(left, left + Cell, top - Cell, top));
                var caption = plot.Add.Text(cell.Title, left + Cell / 2, top + 0.02);
                caption.LabelAlignment = Alignment.LowerCenter;
                caption.LabelFontSize = CaptionFontSize;
            }
        }
        plot.HideAxesAndGrid();
        plot.Title($"{title}: adversarial examples (true → predicted)");
        // A caption wider than its image ("automobile → truck") reaches past the last column: the right edge leaves it room,
        // and the figure grows by as many pixels, so a unit keeps its size on screen.
        double leftEdge = -1.3, right = columns * (Cell + Gap / 2);
        int width = 170 + columns * PixelsPerCell;
        double pixelsPerUnit = width / (right - leftEdge);
        double overhang = Math.Max(0, (CaptionWidth(grid) + CaptionPadding) / pixelsPerUnit - Cell) / 2;
        plot.Axes.SetLimits(leftEdge, right + overhang, 0, rows * (Cell + Gap) + Gap);
        return (plot, width + (int)Math.Ceiling(overhang * pixelsPerUnit), 90 + rows * (PixelsPerCell + 40));
    }

    /// <summary>The widest caption in pixels at its font size.</summary>
    private static double CaptionWidth(SampleGrid grid)
    {
        var style = new LabelStyle { FontSize = CaptionFontSize };
        using var paint = Paint.NewDisposablePaint();
        return grid.Rows.SelectMany(r => r.Cells).Select(c => (double)style.Measure(c.Title, paint).Width).DefaultIfEmpty(0).Max();
    }

    private static Image ToImage(SampleGrid grid, float[] pixels)
    {
        int plane = grid.Height * grid.Width;
        var rgb = new byte[grid.Height, grid.Width, 3];
        for (int y = 0; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                for (int channel = 0; channel < 3; channel++)
                {
                    int source = (grid.Channels == 1 ? 0 : channel) * plane + y * grid.Width + x;
                    rgb[y, x, channel] = (byte)Math.Clamp(Math.Round(pixels[source] * 255), 0, 255);
                }
            }
        }
        return new Image(rgb);
    }
}
