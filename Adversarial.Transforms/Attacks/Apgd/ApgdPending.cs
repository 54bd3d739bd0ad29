using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>The images of a batch that a run of APGD still has to fool.</summary>
/// <param name="Images">Their clean images.</param>
/// <param name="Rows">Their positions in the batch.</param>
/// <param name="RowIndices">Their dataset row indices (each image's random start derives from its own).</param>
internal sealed record ApgdPending(Tensor Images, Tensor Rows, long[] RowIndices);
