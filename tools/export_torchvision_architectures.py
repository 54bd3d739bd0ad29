#!/usr/bin/env python3
"""torchvision's classifiers as a new user exports them, for the architecture import test (issue 23, not yet landed), with Debian's PyTorch 1.13 and
torchvision 0.14 (python3-torchvision): each built for 10 classes and CIFAR-10's pixels in [0, 1] (the normalization
inside), seeded, exported by torch.onnx.export at opsets 13 and 17 with a dynamic batch, at 32x32 and, for vit_b_16
and convnext_tiny, also at 224x224 (the classifier's input adapter upsamples CIFAR-10's images bilinearly; the float64
reference does the same with F.interpolate).

No pretrained weights can be downloaded here, so the seeded networks are made informative from CIFAR-10's training
images: BatchNorm statistics are those images' (cumulative averages in train mode), and the head is a ridge regression of
one-hot labels on the head's input features, scaled to logits of standard deviation 2. Predictions then vary between
images and beat chance, so an FGSM sweep has something to lower.

For every network the reference is a float64 PyTorch FGSM on the same weights (the exact gradient signs, which our
re-centred objective reproduces in float32): the clean and the robust counts at each epsilon on the first N test images and each image's predicted class,
and the float64 scores of the first images, written to reference.json beside the .onnx files:

    /usr/bin/python3 tools/export_torchvision_architectures.py OUT_FOLDER REUSED_REFERENCE.json|- [NAME ...]

The float64 reference takes ~25 minutes on 2 cores, the export alone ~3: a network whose .onnx files hash as in
REUSED_REFERENCE.json (the committed reference of a full run, to be Adversarial.Tests/Fixtures/architectures.json) keeps that file's
reference. The test runs this into artifacts/architectures/ (ignored by git) where a file is missing; the .onnx files are
~1.5 GB and never committed. With "-" everything is computed afresh (how the fixture is made).
"""
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPSILONS = [1 / 255, 2 / 255, 4 / 255, 8 / 255]
MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)
OPSETS = (13, 17)
RIDGE_IMAGES, BN_IMAGES = 2000, 1000


class UpsampleChunk(nn.Module):
    """A user's small network with nn.Upsample and torch.chunk (Resize, Split and HardSwish in ONNX)."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.Hardswish())
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.mix = nn.Sequential(nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        value, gate = torch.chunk(self.up(self.stem(x)), 2, dim=1)
        x = self.mix(value * torch.sigmoid(gate))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


M = torchvision.models
# name -> (builder taking the image size, the head: the last layer, whose input features the ridge regression uses)
ARCHITECTURES = {
    "resnet18": (lambda s: M.resnet18(num_classes=10), lambda m: m.fc),
    "mobilenet_v2": (lambda s: M.mobilenet_v2(num_classes=10), lambda m: m.classifier[1]),
    "efficientnet_b0": (lambda s: M.efficientnet_b0(num_classes=10), lambda m: m.classifier[1]),
    "densenet121": (lambda s: M.densenet121(num_classes=10), lambda m: m.classifier),
    "googlenet": (lambda s: M.googlenet(num_classes=10, aux_logits=False, init_weights=True), lambda m: m.fc),
    "regnet_x_400mf": (lambda s: M.regnet_x_400mf(num_classes=10), lambda m: m.fc),
    "squeezenet1_1": (lambda s: M.squeezenet1_1(num_classes=10), lambda m: m.classifier[1]),
    "convnext_tiny": (lambda s: M.convnext_tiny(num_classes=10), lambda m: m.classifier[2]),
    "mobilenet_v3_small": (lambda s: M.mobilenet_v3_small(num_classes=10), lambda m: m.classifier[3]),
    "shufflenet_v2_x0_5": (lambda s: M.shufflenet_v2_x0_5(num_classes=10), lambda m: m.fc),
    "vit_b_16": (lambda s: M.vit_b_16(num_classes=10, image_size=s), lambda m: m.heads.head),
    "upsample_chunk": (lambda s: UpsampleChunk(), lambda m: m.fc),
}
# (name, image size, test images in the FGSM reference): libtorch's float64 convolutions are slow (resnet18: 0.26 s an
# image for the gradient and four attacked forwards), and 224x224 costs 49 times as much, so fewer images there.
VARIANTS = [(name, 32, 200) for name in ARCHITECTURES] + [("vit_b_16", 224, 16), ("convnext_tiny", 224, 32)]


class FileGelu(nn.Module):
    """GELU as the exported file computes it: torch.onnx writes x * 0.5 * (1 + erf(x / 1.4142135)), the divisor a float32
    constant. In float64 that is not nn.GELU's exact 1/sqrt(2) (3.9e-7 relative on vit_b_16's scores); the float64
    reference runs the file's network, so its GELU takes the file's constant."""

    def forward(self, x):
        return x * 0.5 * (1 + torch.erf(x / float(np.float32(np.sqrt(2)))))


def with_file_constants(model):
    for parent in list(model.modules()):
        for name, child in parent.named_children():
            if isinstance(child, nn.GELU):
                setattr(parent, name, FileGelu())
    return model


class Normalized(nn.Module):
    """Pixels in [0, 1] in, CIFAR-10's normalization first, as a user ships a classifier."""

    def __init__(self, network):
        super().__init__()
        self.network = network
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1))

    def forward(self, x):
        return self.network((x - self.mean) / self.std)


def cifar(split):
    folder = os.path.join(os.environ.get("ADVERSARIAL_DATASETS", os.path.join(ROOT, "datasets")), "cifar10", "cifar-10-batches-bin")
    files = ["test_batch.bin"] if split == "test" else [f"data_batch_{i}.bin" for i in range(1, 6)]
    records = np.concatenate([np.fromfile(os.path.join(folder, f), dtype=np.uint8).reshape(-1, 3073) for f in files])
    images = records[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / np.float32(255)
    return torch.from_numpy(images), torch.from_numpy(records[:, 0].astype(np.int64))


def resized(images, size):
    return images if size == 32 else F.interpolate(images, size=[size, size], mode="bilinear", align_corners=False)


def batches(count, size):
    return [(i, min(i + size, count)) for i in range(0, count, size)]


def informative(model, head, size, train_images, train_labels):
    """BatchNorm statistics from training images, then a ridge-regression head scaled to logits of standard deviation 2."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    with torch.no_grad():
        if norms:
            for m in norms:
                m.reset_running_stats()
                m.momentum = None
            model.train()
            for a, b in batches(BN_IMAGES, 100):
                model(resized(train_images[a:b], size))
        model.eval()
        features = []
        hook = head.register_forward_hook(lambda module, inputs, output: features.append(inputs[0].detach()))
        count = RIDGE_IMAGES if size == 32 else 500
        for a, b in batches(count, 100):
            model(resized(train_images[a:b], size))
        hook.remove()
        x = torch.cat(features).double()
        x = x.mean(dim=(2, 3)) if x.dim() == 4 else x
        x = torch.cat([x, torch.ones(len(x), 1, dtype=x.dtype)], dim=1)
        y = F.one_hot(train_labels[:count], 10).double() - 0.1
        ridge = 1e-2 * x.pow(2).sum(0).mean() * torch.eye(x.shape[1], dtype=x.dtype)
        solution = torch.linalg.solve(x.T @ x + ridge, x.T @ y)
        solution *= 2 / (x @ solution).std()
        weight, bias = solution[:-1].T, solution[-1]
        if isinstance(head, nn.Conv2d):
            # SqueezeNet's head is a 1x1 convolution, then ReLU and an average pool: a common shift keeps the ReLU open.
            head.weight.copy_(weight.view_as(head.weight))
            head.bias.copy_(bias + 10)
        else:
            head.weight.copy_(weight)
            head.bias.copy_(bias)


def informative_model(name, size, train_images, train_labels):
    """The seeded network with the normalization in front, made informative, in eval mode: the network of the .onnx files
    (benchmarks/onnx_architectures_vs_pytorch.py runs the same one in PyTorch)."""
    build, head_of = ARCHITECTURES[name]
    torch.manual_seed(0)
    network = build(size)
    model = Normalized(network)
    # ONNX keeps epsilon attributes as float32: the network's own epsilons are made float32 numbers, so that the file
    # and the float64 reference are one network (1e-5 in float64 is not the file's 9.99999975e-6).
    for module in model.modules():
        if isinstance(getattr(module, "eps", None), float):
            module.eps = float(np.float32(module.eps))
    informative(model, head_of(network), size, train_images, train_labels)
    return model


def export(model, size, opset, path):
    """torch.onnx.export with a dynamic batch, written whole or not at all. Parameters must require gradients here: with
    gradients off, nn.MultiheadAttention takes its fused inference path, which ONNX cannot express."""
    temporary = path + ".part"
    # PRESERVE (the model is in eval mode) skips the exporter's eval peephole, which folds BatchNorm into the
    # convolutions in float32: a network 1e-7 away from PyTorch's, which the float64 reference would expose.
    torch.onnx.export(model, torch.zeros(1, 3, size, size), temporary, opset_version=opset, input_names=["image"],
                      output_names=["scores"], dynamic_axes={"image": {0: "batch"}, "scores": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE)
    os.replace(temporary, path)


def fgsm_float64(model, images, labels, size):
    """The predicted classes of the clean images, then of the attacked ones at each epsilon: FGSM with the exact (float64)
    gradient signs."""
    clean, robust = [], [[] for _ in EPSILONS]
    for a, b in batches(len(images), 16 if size > 32 else 100):
        x = images[a:b].double().requires_grad_(True)
        logits = model(resized(x, size))
        loss = F.cross_entropy(logits, labels[a:b], reduction="sum")
        (gradient,) = torch.autograd.grad(loss, x)
        with torch.no_grad():
            clean += logits.argmax(1).tolist()
            for k, epsilon in enumerate(EPSILONS):
                adversarial = (x + epsilon * gradient.sign()).clamp(0, 1)
                robust[k] += model(resized(adversarial, size)).argmax(1).tolist()
    return clean, robust


def recentred_fgsm_float32(model, images, labels, size):
    """The predicted classes at each epsilon of a float32 FGSM with our re-centred objective (log_softmax of the
    log-probabilities): how far float32 arithmetic alone moves the attack from the float64 one on this network."""
    robust = [[] for _ in EPSILONS]
    for a, b in batches(len(images), 16 if size > 32 else 100):
        x = images[a:b].clone().requires_grad_(True)
        centred = F.log_softmax(F.log_softmax(model(resized(x, size)), 1), 1)
        (gradient,) = torch.autograd.grad(F.nll_loss(centred, labels[a:b], reduction="sum"), x)
        with torch.no_grad():
            for k, epsilon in enumerate(EPSILONS):
                robust[k] += model(resized((x + epsilon * gradient.sign()).clamp(0, 1), size)).argmax(1).tolist()
    return robust


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") else hashlib.sha256(f.read()).hexdigest()


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: export_torchvision_architectures.py OUT_FOLDER REUSED_REFERENCE.json|- [NAME ...]")
    out, wanted = sys.argv[1], set(sys.argv[3:])
    reused = json.load(open(sys.argv[2])) if sys.argv[2] != "-" else {}
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(os.cpu_count() or 1)
    train_images, train_labels = cifar("train")
    test_images, test_labels = cifar("test")
    listing_path = os.path.join(out, "reference.json")
    listing = json.load(open(listing_path)) if os.path.exists(listing_path) else {}
    for name, size, count in VARIANTS:
        key = f"{name}-{size}"
        if wanted and name not in wanted and key not in wanted:
            continue
        started = time.time()
        model = informative_model(name, size, train_images, train_labels)
        files = {}
        for opset in OPSETS:
            path = os.path.join(out, f"{key}-opset{opset}.onnx")
            export(model, size, opset, path)
            files[str(opset)] = {"file": os.path.basename(path), "sha256": sha256(path), "bytes": os.path.getsize(path)}
        for p in model.parameters():
            p.requires_grad_(False)
        known = reused.get(key, {})
        if all(known.get("onnx", {}).get(o, {}).get("sha256") == f["sha256"] for o, f in files.items()):
            listing[key] = known
            print(f"{key}: the same weights as {sys.argv[2]}, its reference kept", flush=True)
            save(listing, listing_path)
            continue
        float32 = recentred_fgsm_float32(model, test_images[:count], test_labels[:count], size)
        exact = with_file_constants(model.double())
        labels = test_labels[:count].tolist()
        clean_predicted, robust_predicted = fgsm_float64(exact, test_images[:count], test_labels[:count], size)
        clean = sum(p == y for p, y in zip(clean_predicted, labels))
        robust = [sum(p == y for p, y in zip(predicted, labels)) for predicted in robust_predicted]
        with torch.no_grad():
            scores = exact(resized(test_images[:4].double(), size))
        listing[key] = {"architecture": name, "imageSize": size, "images": count, "epsilons": EPSILONS, "clean": clean,
                        "robust": robust, "cleanPredictions": clean_predicted,
                        "robustPredictions": robust_predicted, "float32RobustPredictions": float32, "float64Scores": scores.tolist(), "onnx": files, "seconds": round(time.time() - started, 1)}
        print(f"{key}: clean {clean}/{count}, FGSM {robust} ({listing[key]['seconds']} s)", flush=True)
        save(listing, listing_path)


def save(listing, path):
    with open(path + ".part", "w") as f:
        json.dump(listing, f, indent=1)
    os.replace(path + ".part", path)


if __name__ == "__main__":
    main()
