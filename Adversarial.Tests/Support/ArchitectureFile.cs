namespace MlNetAdversarial.Tests;

/// <summary>One exported file of a variant.</summary>
internal sealed record ArchitectureFile(string File, string Sha256, long Bytes);
