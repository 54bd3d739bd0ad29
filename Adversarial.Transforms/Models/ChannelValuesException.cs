namespace MlNetAdversarial.Transforms.Models;

/// <summary>Per-channel values (a mean or a standard deviation) whose count is not the network's channel count.</summary>
public sealed class ChannelValuesException : ArgumentException
{
    /// <summary>Creates the error for <paramref name="parameter"/> ("mean" or "std").</summary>
    public ChannelValuesException(string parameter, int channels, int given)
        : base($"The network takes {channels}-channel images, so {parameter} needs {channels} value(s), one per channel; {given} were given.", parameter)
    {
        Channels = channels;
        Given = given;
    }

    /// <summary>The network's input channels.</summary>
    public int Channels { get; }

    /// <summary>How many values were given.</summary>
    public int Given { get; }
}
