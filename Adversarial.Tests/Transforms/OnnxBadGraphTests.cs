using Google.Protobuf;
using MlNetAdversarial.Transforms.Onnx;
using Onnx;
using static TorchSharp.torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>Graphs whose values make a node impossible: one error naming the node and what is wrong, at import where the graph says so, else on the first images.</summary>
public sealed class OnnxBadGraphTests
{
    [Fact]
    public void ASliceWithAZeroStepNamesTheNodeAndTheAxis()
    {
        var error = RunFails(OneNode("Slice", "bad_slice", 13, [Longs("starts", 0), Longs("ends", 2), Longs("axes", 1), Longs("steps", 0)]));
        Assert.Contains("'bad_slice' (Slice, opset 13)", error.Message);
        Assert.Contains("step 0 on axis 1", error.Message);
    }

    [Fact]
    public void AnExpandToAnIncompatibleShapeNamesBothShapes()
    {
        var error = RunFails(OneNode("Expand", "bad_expand", 13, [Longs("shape", 2, 3, 5, 5)]));
        Assert.Contains("'bad_expand' (Expand", error.Message);
        Assert.Contains("cannot broadcast [2, 2, 4, 4] to [2, 3, 5, 5]", error.Message);
    }

    [Fact]
    public void ASplitWhosePartsDoNotAddUpNamesThePartsAndTheAxis()
    {
        var model = OneNode("Split", "bad_split", 13, [Longs("split", 1, 2)], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        model.Graph.Node[0].Output.Add("y2");
        var error = RunFails(model);
        Assert.Contains("'bad_split' (Split", error.Message);
        Assert.Contains("[1, 2] must be 2 non-negative sizes adding up to axis 1's 2", error.Message);
    }

    [Fact]
    public void AResizeWithNeitherScalesNorSizesIsRefusedAtImport()
    {
        var model = OneNode("Resize", "bad_resize", 13, []);
        var error = Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Build(model, "bad.onnx"));
        Assert.Contains("'bad_resize' (Resize, opset 13): neither scales nor sizes", error.Message);
    }

    [Fact]
    public void AShapeComputedFromThePixelsIsRefusedAtImportNamingTheNodeAndWhereTheDependenceStarts()
    {
        // x → ReduceMax → Cast(int64) → Unsqueeze → ConstantOfShape: the output's length is the brightest pixel, which autograd cannot follow.
        var model = OneNode("ReduceMax", "brightest", 13, [], new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        model.Graph.Node[0].Output[0] = "m";
        model.Graph.Node.Add(new NodeProto { OpType = "Cast", Name = "to_count", Input = { "m" }, Output = { "k" },
            Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Int64 } } });
        model.Graph.Node.Add(new NodeProto { OpType = "Unsqueeze", Name = "as_shape", Input = { "k", "axes" }, Output = { "shape" } });
        model.Graph.Node.Add(new NodeProto { OpType = "ConstantOfShape", Name = "pixel_shaped", Input = { "shape" }, Output = { "y" } });
        model.Graph.Initializer.Add(Longs("axes", 0));
        var error = Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Build(model, "pixel-shaped.onnx"));
        Assert.Contains("'pixel_shaped' (ConstantOfShape, opset 13): its input 'shape' sets a shape", error.Message);
        Assert.Contains("through 'brightest' (ReduceMax)", error.Message);
        Assert.Contains("autograd cannot follow", error.Message);
        // The same shape taken with Shape is the input's shape, not its pixels: accepted.
        model.Graph.Node[0].OpType = "Shape";
        model.Graph.Node[0].Attribute.Clear();
        model.Graph.Node.RemoveAt(2);
        model.Graph.Node.RemoveAt(1);
        model.Graph.Node[1].Input[0] = "m";
        Assert.NotNull(OnnxImporter.Build(model, "input-shaped.onnx"));
    }

    [Fact]
    public void RefusedNodesSayWhatToDoWhereAWorkaroundExists()
    {
        var training = OneNode("Dropout", "dropout", 13, []);
        training.Graph.Node[0].Input.Add("");
        training.Graph.Node[0].Input.Add("mode");
        training.Graph.Input.Add(new ValueInfoProto { Name = "mode", Type = FloatTensor(0).Type });
        training.Graph.Input[^1].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Bool;
        Assert.Contains("(export the model in eval mode", Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Build(training, "t.onnx")).Message);
        var fused = OneNode("FusedConv", "fused", 13, []);
        fused.Graph.Node[0].Domain = "com.microsoft";
        Assert.Contains("attack the model as the exporter wrote it", Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Build(fused, "f.onnx")).Message);
        var quantized = OneNode("DequantizeLinear", "dq", 13, []);
        Assert.Contains("attack the float model it was quantized from", Assert.Throws<OnnxUnsupportedException>(() => OnnxImporter.Build(quantized, "q.onnx")).Message);
    }

    private static InvalidOperationException RunFails(ModelProto model)
    {
        var imported = OnnxImporter.Build(model, "bad.onnx");
        using var scope = NewDisposeScope();
        return Assert.Throws<InvalidOperationException>(() => imported.Module.forward(rand(2, 2, 4, 4)));
    }

    /// <summary>x [batch, 2, 4, 4] → the node (x and the initializers as its inputs) → y.</summary>
    private static ModelProto OneNode(string op, string name, long opset, TensorProto[] initializers, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name, Input = { "x" }, Output = { "y" } };
        node.Input.AddRange(initializers.Select(i => i.Name));
        node.Attribute.AddRange(attributes);
        var graph = new GraphProto { Name = "bad", Node = { node }, Input = { FloatTensor(4, "x") }, Output = { FloatTensor(4, "y") } };
        graph.Initializer.AddRange(initializers);
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    private static ValueInfoProto FloatTensor(int rank, string name = "v")
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(Enumerable.Range(0, rank).Select(_ => new TensorShapeProto.Types.Dimension { DimParam = "d" }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    private static TensorProto Longs(string name, params long[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, Dims = { values.Length } };
        proto.Int64Data.AddRange(values);
        return proto;
    }
}
