using MlNetAdversarial.Transforms.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>BatchNormalization (inference), LayerNormalization, InstanceNormalization and GroupNormalization, on torch's fused kernels where the shapes allow.</summary>
internal static class OnnxNormalizationOps
{
    public static IEnumerable<OnnxOp> All =>
    [
        new("BatchNormalization", BatchNorm, ["epsilon", "momentum", "spatial", "training_mode", "is_test", "consumed_inputs"],
            n => n.Int("spatial", 1) != 1 ? "spatial 0"
                : n.Int("training_mode", 0) != 0 ? "training_mode 1"
                : n.Proto.Output.Skip(1).Any(o => o.Length > 0) ? "the running mean/variance outputs" : null),
        new("LayerNormalization", LayerNorm, ["axis", "epsilon", "stash_type"],
            n => n.Int("stash_type", 1) is 1 or 11 ? null : $"stash_type {n.Int("stash_type", 1)} (expected 1, float, or 11, double)"),
        // Instance normalization is group normalization with one channel per group.
        new("InstanceNormalization", (n, i) => [nn.functional.group_norm(i[0]!, i[0]!.shape[1], i[1], i[2], n.Float("epsilon", 1e-5f))], ["epsilon"]),
        new("GroupNormalization", GroupNorm, ["epsilon", "num_groups", "stash_type"],
            n => !n.Has("num_groups") ? "no num_groups" : n.Int("stash_type", 1) != 1 ? $"stash_type {n.Int("stash_type", 1)} (expected 1, float)" : null),
    ];

    // torch's own inference kernel (x·w/√(v+ε) + (b − m·w/√(v+ε))) rounds as PyTorch does, so float32 gradients are PyTorch's to
    // 1e-6: the literal (x − m)/√(v+ε)·w + b gave another sign than PyTorch's float32 on 800 of regnet's 614,400 input pixels.
    private static Tensor[] BatchNorm(OnnxNode node, Tensor?[] inputs) =>
        [nn.functional.batch_norm(inputs[0]!, inputs[3]!, inputs[4]!, inputs[1]!, inputs[2]!, training: false, momentum: 0, eps: node.Float("epsilon", 1e-5f))];

    /// <summary>Normalizes over the dimensions from axis on; the optional Mean and InvStdDev outputs keep the reduced dimensions as 1.</summary>
    private static Tensor[] LayerNorm(OnnxNode node, Tensor?[] inputs)
    {
        var x = inputs[0]!;
        var (scale, bias) = (inputs[1]!, inputs.Length > 2 ? inputs[2] : null);
        long axis = OnnxAxes.Normalize(node.Int("axis", -1), x.dim());
        long[] normalized = x.shape[(int)axis..];
        double epsilon = node.Float("epsilon", 1e-5f);
        bool statistics = node.Proto.Output.Skip(1).Any(o => o.Length > 0);
        var type = x.dtype;
        var computed = node.Int("stash_type", 1) == 11 ? x.to_type(ScalarType.Float64) : x;
        if (!statistics && scale.shape.SequenceEqual(normalized) && (bias is null || bias.shape.SequenceEqual(normalized)))
            return [nn.functional.layer_norm(computed, normalized, scale.to_type(computed.dtype), bias?.to_type(computed.dtype), epsilon).to_type(type)];
        long[] dims = Enumerable.Range((int)axis, normalized.Length).Select(d => (long)d).ToArray();
        var mean = computed.mean(dims, keepdim: true);
        var centred = computed - mean;
        var inverse = centred.Squared().mean(dims, keepdim: true).Plus(Scalars.Of(epsilon)).rsqrt();
        var y = centred * inverse * scale.to_type(computed.dtype);
        if (bias is not null)
            y = y.Plus(bias.to_type(computed.dtype));
        return [y.to_type(type), mean.to_type(type), inverse.to_type(type)];
    }

    /// <summary>Opset 18 gives scale and bias per group, opset 21 per channel; both run as torch's per-channel group_norm.</summary>
    private static Tensor[] GroupNorm(OnnxNode node, Tensor?[] inputs)
    {
        var (x, scale, bias) = (inputs[0]!, inputs[1]!, inputs[2]!);
        long groups = node.Int("num_groups", 1), channels = x.shape[1];
        if (groups <= 0 || channels % groups != 0)
            throw new ArgumentException($"GroupNormalization num_groups {groups} does not divide the {channels} channels.");
        Tensor PerChannel(Tensor t) => t.numel() == channels ? t.reshape(channels)
            : t.numel() == groups ? t.reshape(groups).repeat_interleave(channels / groups)
            : throw new ArgumentException($"GroupNormalization scale and bias hold {t.numel()} values; expected {groups} (num_groups) or {channels} (channels).");
        return [nn.functional.group_norm(x, groups, PerChannel(scale), PerChannel(bias), node.Float("epsilon", 1e-5f))];
    }
}
