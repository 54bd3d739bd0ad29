namespace MlNetAdversarial.Pipelines.Export;

/// <summary>
/// Turns an attacked image in [0, 1] into 8-bit pixels for saving. Each value is rounded to the
/// nearest 8-bit level, except where that level would lie further than ε from the clean pixel: then
/// it is rounded one level toward the clean pixel, so the saved dataset keeps ‖x' − x‖∞ ≤ ε.
/// </summary>
public static class PixelQuantizer
{
    /// <summary>Quantizes <paramref name="adversarial"/> next to its <paramref name="clean"/> original.</summary>
    public static void Quantize(ReadOnlySpan<float> clean, ReadOnlySpan<float> adversarial, double epsilon, Span<byte> destination)
    {
        if (clean.Length != adversarial.Length || destination.Length != clean.Length)
            throw new ArgumentException($"Sizes differ: {clean.Length} clean, {adversarial.Length} attacked, {destination.Length} output values.");
        // Float32 pixels carry about 1e-7 of rounding noise; a level within that of ε is within ε.
        double budget = epsilon + 1e-6;
        for (int i = 0; i < clean.Length; i++)
        {
            double level = Math.Clamp(Math.Round(adversarial[i] * 255.0, MidpointRounding.AwayFromZero), 0, 255);
            if (Math.Abs(level / 255.0 - clean[i]) > budget)
                level += level / 255.0 > clean[i] ? -1 : 1;
            destination[i] = (byte)level;
        }
    }
}
