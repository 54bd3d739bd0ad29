namespace MlNetAdversarial.Transforms.Models;

/// <summary>The weight file formats the library reads and writes.</summary>
public enum WeightsFormat
{
    /// <summary>TorchSharp's own format (<c>Module.save</c>), extension .bin or .dat.</summary>
    TorchSharp,

    /// <summary>A PyTorch state_dict written by <c>torch.save(model.state_dict(), f)</c>, extension .pt or .pth.</summary>
    PyTorch,

    /// <summary>safetensors, extension .safetensors.</summary>
    Safetensors,
}
