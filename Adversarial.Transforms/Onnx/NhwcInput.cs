using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Onnx;

/// <summary>Feeds a channels-last graph (TensorFlow/Keras exports via tf2onnx) the channels-first images the transforms pass.</summary>
internal sealed class NhwcInput : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> graph;

    public NhwcInput(nn.Module<Tensor, Tensor> graph) : base("NhwcInput")
    {
        this.graph = graph;
        RegisterComponents();
    }

    public override Tensor forward(Tensor images) => graph.call(images.permute(0, 2, 3, 1));
}
