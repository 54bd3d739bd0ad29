namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// A random generator per image, derived from the attack seed, the image's row index and a stream
/// number, so that an image gets the same random choices whatever batch it lands in.
/// (HashCode is not used: it is salted per process.)
/// </summary>
public static class PerImageRandom
{
    /// <summary>The generator of one image's random choices.</summary>
    public static Random For(int seed, long rowIndex, int stream = 0) => new(Mix(seed, rowIndex, stream));

    private static int Mix(int seed, long rowIndex, int stream)
    {
        // SplitMix64 finalizer over the three inputs.
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)rowIndex * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
