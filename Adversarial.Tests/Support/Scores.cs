namespace MlNetAdversarial.Tests;

/// <summary>Reading a classifier's scores as the tests compare them.</summary>
internal static class Scores
{
    /// <summary>The index of the largest score (the first where several are equal).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }
}
