using System.Security.Cryptography;
using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Models;

/// <summary>
/// A trained image classifier as the attacks and scorers see it: images in [0, 1] pixel space go in,
/// log-probabilities come out. Per-channel normalization, when the network needs it, happens in here,
/// so attacks never have to know about it; so does turning the network's output kind into
/// log-probabilities (log_softmax for logits only). The network is put in eval mode on its device and
/// its parameters stop recording gradients: attacks differentiate with respect to the input only.
/// </summary>
/// <remarks>The caller owns the classifier; transformers built on it do not dispose it.</remarks>
public sealed class TorchImageClassifier : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Tensor? _mean;
    private readonly Tensor? _std;

    /// <summary>Wraps a network.</summary>
    /// <param name="network">Maps [N, C, H, W] to [N, classes] of the kind <paramref name="output"/> says.</param>
    /// <param name="inputShape">The image shape the classifier takes (the data's; the network's unless an adapter is given).</param>
    /// <param name="classNames">One name per output, in output order.</param>
    /// <param name="output">What the network's last layer gives: logits, log-probabilities or probabilities.</param>
    /// <param name="name">A short name for reports.</param>
    /// <param name="weightsSha256">SHA-256 of the weights file, for reports; empty when unknown.</param>
    /// <param name="mean">Per-channel mean subtracted before the network, or null.</param>
    /// <param name="std">Per-channel standard deviation divided by before the network, or null.</param>
    /// <param name="architecture">Names the network's class for saved pipelines ("lenet", "cifar-resnet", or your own).</param>
    /// <param name="device">Where the network runs (default: the CPU); the network is moved there.</param>
    /// <param name="adapter">
    /// Turns images of <paramref name="inputShape"/> into the network's input before normalization (the mean and std are
    /// then per channel of the network's input), or null when the network takes them as they are.
    /// </param>
    public TorchImageClassifier(nn.Module<Tensor, Tensor> network, ImageShape inputShape, IReadOnlyList<string> classNames,
        ClassifierOutput output, string name, string weightsSha256 = "", IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null,
        string architecture = "", Device? device = null, InputAdapter? adapter = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count < 2)
            throw new ArgumentException($"A classifier needs at least 2 classes; got {classNames.Count}.", nameof(classNames));
        if ((mean is null) != (std is null))
            throw new ArgumentException("Give both mean and std for normalization, or neither.", nameof(mean));
        if (!Enum.IsDefined(output))
            throw new ArgumentOutOfRangeException(nameof(output), output, "Expected Logits, LogProbabilities or Probabilities.");
        if (adapter is not null && adapter.From != inputShape)
            throw new ArgumentException($"The adapter takes {adapter.From} images; the classifier's input shape is {inputShape}.", nameof(adapter));
        TorchRuntime.EnsureInitialized(device);

        Device = device ?? CPU;
        _network = network;
        if (Device.type != DeviceType.CPU)
            _network.to(Device);
        _network.eval();
        foreach (var parameter in _network.parameters())
            parameter.requires_grad = false;
        InputShape = inputShape;
        Adapter = adapter;
        ClassNames = classNames.ToArray();
        Output = output;
        Name = name;
        WeightsSha256 = weightsSha256;
        Architecture = architecture;
        Mean = mean?.ToArray();
        Std = std?.ToArray();
        if (mean is not null && std is not null)
        {
            _mean = ChannelTensor(mean, NetworkInputShape.Channels, nameof(mean));
            _std = ChannelTensor(std, NetworkInputShape.Channels, nameof(std));
        }
    }

    /// <summary>The image shape the classifier takes: the attacks' and the data's.</summary>
    public ImageShape InputShape { get; }

    /// <summary>Turns <see cref="InputShape"/> images into the network's input, or null when the network takes them as they are.</summary>
    public InputAdapter? Adapter { get; }

    /// <summary>The image shape the network itself takes.</summary>
    public ImageShape NetworkInputShape => Adapter?.To ?? InputShape;

    /// <summary>One name per class, in output order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>What the network's last layer gives.</summary>
    public ClassifierOutput Output { get; }

    /// <summary>The device the network runs on; batches are moved there.</summary>
    public Device Device { get; }

    /// <summary>A short name for reports.</summary>
    public string Name { get; }

    /// <summary>SHA-256 (hex) of the weights file, or empty.</summary>
    public string WeightsSha256 { get; }

    /// <summary>Names the network's class, so a saved pipeline can rebuild it; empty when not given.</summary>
    public string Architecture { get; }

    /// <summary>Per-channel mean applied inside the wrapper, or null.</summary>
    public IReadOnlyList<float>? Mean { get; }

    /// <summary>Per-channel standard deviation applied inside the wrapper, or null.</summary>
    public IReadOnlyList<float>? Std { get; }

    /// <summary>Writes the network's weights (format by <paramref name="format"/>).</summary>
    public void SaveWeights(string path, WeightsFormat format = WeightsFormat.TorchSharp) => WeightsFiles.Save(_network, path, format);

    /// <summary>Whether the network is in eval mode (attacks refuse a model in training mode).</summary>
    public bool IsInEvalMode => !_network.training;

    /// <summary>
    /// Whether the model gives scores only, no gradients (<see cref="BlackBox.BlackBoxClassifier"/>): attacks that need
    /// gradients are refused on it.
    /// </summary>
    public bool IsBlackBox => _network is ScoreOracleNetwork;

    internal nn.Module<Tensor, Tensor> Network => _network;

    /// <summary>
    /// What the network's last layer gives [N, classes] for images [N, C, H, W] in [0, 1], before <see cref="Output"/> turns it
    /// into log-probabilities: what AutoAttack's checks read (a network that ends in a softmax however it is declared).
    /// </summary>
    public Tensor Outputs(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        var adapted = Adapter is null ? images : Adapter.Apply(images);
        var input = _mean is null ? adapted : (adapted - _mean) / _std!;
        return _network.call(input).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Whether the network turns gradients on inside its own forward pass on <paramref name="images"/> (a dynamic defence that
    /// follows its own gradients; AutoAttack's check_dynamic): the pass runs with gradients off, and a pre-hook on every
    /// sub-module records whether any of them runs with gradients on. A network without sub-modules cannot be seen into.
    /// </summary>
    public bool EnablesGradientsInForward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        bool enabled = false;
        var removals = new List<Action>();
        foreach (var (_, module) in _network.named_modules())
        {
            if (module is nn.Module<Tensor, Tensor> hookable)
                removals.Add(hookable.register_forward_pre_hook((_, input) =>
                {
                    enabled |= is_grad_enabled();
                    return input;
                }).remove);
        }
        try
        {
            using var noGradients = no_grad();
            Outputs(images);
        }
        finally
        {
            foreach (var remove in removals)
                remove();
        }
        return enabled;
    }

    /// <summary>Log-probabilities [N, classes] of images [N, C, H, W] in [0, 1] (on <see cref="Device"/>).</summary>
    public Tensor LogProbabilities(Tensor images)
    {
        using var scope = NewDisposeScope();
        var output = Outputs(images);
        var logProbabilities = Output switch
        {
            ClassifierOutput.Logits => nn.functional.log_softmax(output, dim: 1),
            ClassifierOutput.LogProbabilities => output,
            // The smallest positive float keeps a zero probability finite (log-loss and gradients stay defined).
            _ => output.clamp_min(Scalars.Of(float.Epsilon)).log(),
        };
        return logProbabilities.MoveToOuterDisposeScope();
    }

    /// <summary>The PyTorch tutorial's LeNet with weights from a file, or with the shipped MNIST weights when the path is null.</summary>
    public static TorchImageClassifier LoadLeNet(string? weightsPath = null, Device? device = null) =>
        ArchitectureRegistry.LeNet.Load(weightsPath, device);

    /// <summary>The CIFAR-10 ResNet (normalization inside) with weights from a file, or the shipped ones when the path is null.</summary>
    public static TorchImageClassifier LoadCifarResNet(string? weightsPath = null, Device? device = null) =>
        ArchitectureRegistry.CifarResNet.Load(weightsPath, device);

    /// <summary>SHA-256 of a file as lower-case hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _network.Dispose();
        _mean?.Dispose();
        _std?.Dispose();
    }

    private Tensor ChannelTensor(IReadOnlyList<float> values, int channels, string parameter)
    {
        if (values.Count != channels)
            throw new ChannelValuesException(parameter, channels, values.Count);
        if (values.Any(v => !float.IsFinite(v)) || (parameter == "std" && values.Any(v => v <= 0)))
            throw new ArgumentException($"Per-channel {parameter} values must be finite (std > 0).", parameter);
        var channelValues = tensor(values.ToArray(), [1, channels, 1, 1], device: Device);
        channelValues.DetachFromDisposeScope();
        return channelValues;
    }
}
