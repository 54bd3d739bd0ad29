using MlNetAdversarial.Transforms.Models;
using MlNetAdversarial.Transforms.Torch;
using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// HopSkipJump's search for one batch (Chen, Jordan and Wainwright 2020, as in their code and IBM ART): a first
/// misclassified point from uniform noise, a binary search to the decision boundary, then per iteration a Monte-Carlo
/// estimate of the boundary's normal from the labels of points around it, a geometric step along it and a binary
/// search back to the boundary. It sees only the predicted label of every image it asks about; each counts as a query.
/// </summary>
internal sealed class HopSkipJumpSearch : IDisposable
{
    // Images per oracle call while estimating gradients: keeps a call near 25 MB of MNIST pixels.
    private const int ImagesPerCall = 2048;
    private const int MaxHalvings = 30;
    // Below this distance an image is as close as float pixels get: LightGBM, for one, splits zero pixels at 1e-35, so the
    // search can drive the distance to underflow, and a zero probe radius would make the gradient estimate 0/0.
    private const double Resolution = 1e-9;
    private const double InitialBlendTolerance = 0.001;

    private readonly IScoreOracle _oracle;
    private readonly HopSkipJumpAttackOptions _options;
    private readonly Tensor _clean;
    private readonly Tensor _labels;
    private readonly Generator[] _random;
    private readonly long[] _queries;
    private readonly long[] _imageShape;
    private readonly int _pixels;
    private readonly double _theta;

    public HopSkipJumpSearch(IScoreOracle oracle, HopSkipJumpAttackOptions options, AttackBatch batch, int seed)
    {
        (_oracle, _options, _clean, _labels) = (oracle, options, batch.Images, batch.Labels);
        _imageShape = batch.Images.shape[1..];
        _pixels = (int)_imageShape.Aggregate(1L, (a, b) => a * b);
        _theta = options.Norm == PerturbationNorm.L2 ? options.Gamma / (Math.Sqrt(_pixels) * _pixels) : options.Gamma / ((double)_pixels * _pixels);
        _queries = new long[batch.RowIndices.Length];
        _random = batch.RowIndices.Select(row => new Generator((ulong)PerImageRandom.For(seed, row, stream: 300).NextInt64(), batch.Images.device)).ToArray();
    }

    public long[] Queries => _queries;

    /// <summary>The smallest adversarial example found per image (the clean image where none was) and its distance (∞ where none).</summary>
    public (Tensor Best, Tensor Distance) Run(double? stopAtDistance)
    {
        using var scope = NewDisposeScope();
        long n = _clean.shape[0];
        var all = Enumerable.Range(0, (int)n).Select(i => (long)i).ToArray();
        var best = _clean.clone();
        var distance = full(n, Scalars.Of(double.PositiveInfinity), device: _clean.device);
        var fooledClean = Decide(_clean, all);
        distance.masked_fill_(fooledClean, Scalars.Zero);
        var (found, start) = StartingPoints(AttackMath.ToLongs(fooledClean.logical_not().nonzero().flatten()));
        if (found.Length == 0)
            return (best.MoveToOuterDisposeScope(), distance.MoveToOuterDisposeScope());
        var index = tensor(found, device: _clean.device);
        // The authors' start: the noise blended toward the clean image to 0.001, then the norm's own search to the boundary.
        var cleanFound = _clean.index_select(0, index);
        var blended = BinarySearch(cleanFound, start, found, l2: true, InitialBlendTolerance);
        // As in the authors' code, the probe radius follows the distance of the point before its search back to the boundary.
        var postUpdate = Distances(blended, cleanFound);
        var current = BinarySearch(cleanFound, blended, found);
        var currentDistance = Distances(current, cleanFound);
        for (int iteration = 0; iteration < _options.Iterations; iteration++)
        {
            var distances = currentDistance.data<float>().ToArray();
            var active = Enumerable.Range(0, found.Length).Where(k => distances[k] > Math.Max(stopAtDistance ?? 0, Resolution)).ToArray();
            if (active.Length == 0)
                break;
            var local = tensor(active.Select(k => (long)k).ToArray(), device: _clean.device);
            var rows = active.Select(k => found[k]).ToArray();
            var (stepped, stepDistance) = Iterate(current.index_select(0, local), postUpdate.index_select(0, local), cleanFound.index_select(0, local), rows, iteration);
            current = current.index_copy(0, local, stepped);
            postUpdate = postUpdate.index_copy(0, local, stepDistance);
            currentDistance = Distances(current, cleanFound);
        }
        best.index_copy_(0, index, current);
        distance.index_copy_(0, index, currentDistance);
        return (best.MoveToOuterDisposeScope(), distance.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        foreach (var generator in _random)
            generator.Dispose();
    }

    /// <summary>One step from boundary points: the new boundary points and the distance of the stepped points before their search.</summary>
    private (Tensor Current, Tensor PostUpdate) Iterate(Tensor current, Tensor postUpdate, Tensor clean, long[] rows, int iteration)
    {
        using var scope = NewDisposeScope();
        var distance = Distances(current, clean);
        var delta = iteration == 0 ? full_like(distance, Scalars.Of(0.1))
            : (postUpdate * Scalars.Of(_options.Norm == PerturbationNorm.L2 ? Math.Sqrt(_pixels) * _theta : _pixels * _theta)).clamp_min(Scalars.Of(Resolution));
        int evaluations = (int)Math.Min(_options.InitialEvaluations * Math.Sqrt(iteration + 1), _options.MaxEvaluations);
        var gradient = EstimateGradient(current, delta, evaluations, rows);
        var update = _options.Norm == PerturbationNorm.L2 ? gradient : gradient.sign();
        var step = distance / Scalars.Of(Math.Sqrt(iteration + 1));
        var candidate = current.clone();
        var pending = Enumerable.Range(0, rows.Length).Select(i => (long)i).ToArray();
        for (int halving = 0; halving < MaxHalvings && pending.Length > 0; halving++)
        {
            var local = tensor(pending, device: current.device);
            var size = step.index_select(0, local).reshape(-1, 1, 1, 1);
            var tried = current.index_select(0, local).Plus(size * update.index_select(0, local)).clamp(Scalars.Zero, Scalars.One);
            var adversarial = Decide(tried, pending.Select(i => rows[i]).ToArray());
            candidate.index_copy_(0, local.masked_select(adversarial), tried.index_select(0, adversarial.nonzero().flatten()));
            pending = pending.Where((_, k) => !adversarial[k].item<bool>()).ToArray();
            step.index_copy_(0, local, step.index_select(0, local) / Scalars.Of(2.0));
        }
        return (BinarySearch(clean, candidate, rows).MoveToOuterDisposeScope(), Distances(candidate, clean).MoveToOuterDisposeScope());
    }

    private Tensor EstimateGradient(Tensor current, Tensor delta, int evaluations, long[] rows)
    {
        using var scope = NewDisposeScope();
        var gradients = new List<Tensor>();
        int perCall = Math.Max(1, ImagesPerCall / evaluations);
        for (int first = 0; first < rows.Length; first += perCall)
        {
            // Each call's samples are freed before the next call's are drawn: a batch's peak is one call, not all of them.
            using var call = NewDisposeScope();
            int count = Math.Min(perCall, rows.Length - first);
            var noise = cat(Enumerable.Range(first, count).Select(k => Direction(rows[k], evaluations)).ToArray(), 0);
            var centre = current.narrow(0, first, count).repeat_interleave(evaluations, 0);
            var size = delta.narrow(0, first, count).repeat_interleave(evaluations, 0).reshape(-1, 1, 1, 1);
            var samples = centre.Plus(size * noise).clamp(Scalars.Zero, Scalars.One);
            noise = (samples - centre) / size;
            var asked = Enumerable.Range(first, count).SelectMany(k => Enumerable.Repeat(rows[k], evaluations)).ToArray();
            var sign = Decide(samples, asked).to_type(ScalarType.Float32) * Scalars.Of(2.0) - Scalars.One;
            var perImage = sign.reshape(count, evaluations);
            var mean = perImage.mean([1], keepdim: true);
            // The authors' baseline: centre the labels unless they all agree (then the plain mean, which ±1 signs give).
            var unanimous = mean.abs().eq(Scalars.One);
            var weights = where(unanimous, perImage, perImage - mean).reshape(-1, 1, 1, 1);
            var gradient = (weights * noise).reshape(count, evaluations, -1).mean([1]);
            gradients.Add((gradient / AttackMath.L2Norms(gradient).Plus(Scalars.Of(1e-12)).reshape(-1, 1)).MoveToOuterDisposeScope());
        }
        return cat(gradients.ToArray(), 0).reshape(current.shape).MoveToOuterDisposeScope();
    }

    private Tensor Direction(long row, int count)
    {
        using var scope = NewDisposeScope();
        long[] shape = [count, .. _imageShape];
        var noise = _options.Norm == PerturbationNorm.L2
            ? randn(shape, generator: _random[row], device: _clean.device)
            : rand(shape, generator: _random[row], device: _clean.device) * Scalars.Of(2.0) - Scalars.One;
        return (noise / AttackMath.L2Norms(noise).reshape(-1, 1, 1, 1)).MoveToOuterDisposeScope();
    }

    private (long[] Found, Tensor Start) StartingPoints(long[] rows)
    {
        using var scope = NewDisposeScope();
        var starts = new Tensor?[rows.Length];
        var pending = Enumerable.Range(0, rows.Length).ToArray();
        for (int attempt = 0; attempt < _options.InitialTries && pending.Length > 0; attempt++)
        {
            var noise = cat(pending.Select(k => rand([1, .. _imageShape], generator: _random[rows[k]], device: _clean.device)).ToArray(), 0);
            var adversarial = Decide(noise, pending.Select(k => rows[k]).ToArray());
            var hits = AttackMath.ToLongs(adversarial.to_type(ScalarType.Int64));
            for (int j = 0; j < pending.Length; j++)
                if (hits[j] == 1)
                    starts[pending[j]] = noise[j].unsqueeze(0);
            pending = pending.Where((_, j) => hits[j] == 0).ToArray();
        }
        var found = Enumerable.Range(0, rows.Length).Where(k => starts[k] is not null).ToArray();
        var start = found.Length == 0 ? empty(0) : cat(found.Select(k => starts[k]!).ToArray(), 0);
        return (found.Select(k => rows[k]).ToArray(), start.MoveToOuterDisposeScope());
    }

    private Tensor BinarySearch(Tensor clean, Tensor adversarial, long[] rows) =>
        BinarySearch(clean, adversarial, rows, _options.Norm == PerturbationNorm.L2, _theta);

    private Tensor BinarySearch(Tensor clean, Tensor adversarial, long[] rows, bool l2, double theta)
    {
        using var scope = NewDisposeScope();
        var high = l2 ? ones(rows.Length, device: clean.device) : (adversarial - clean).flatten(1).abs().max(1).values;
        var low = zeros_like(high);
        var threshold = l2 ? full_like(high, Scalars.Of(theta)) : minimum(high * Scalars.Of(theta), full_like(high, Scalars.Of(theta)));
        while (true)
        {
            var open = (high - low).gt(threshold);
            var pending = AttackMath.ToLongs(open.nonzero().flatten());
            if (pending.Length == 0)
                break;
            var local = tensor(pending, device: clean.device);
            var middle = high.index_select(0, local).Plus(low.index_select(0, local)) / Scalars.Of(2.0);
            var tried = Between(clean.index_select(0, local), adversarial.index_select(0, local), middle, l2);
            var adversarialAtMiddle = Decide(tried, pending.Select(k => rows[k]).ToArray());
            high.index_copy_(0, local, where(adversarialAtMiddle, middle, high.index_select(0, local)));
            low.index_copy_(0, local, where(adversarialAtMiddle, low.index_select(0, local), middle));
        }
        return Between(clean, adversarial, high, l2).MoveToOuterDisposeScope();
    }

    // L2: the point a fraction α of the way to the adversarial image; L∞: the adversarial image clipped to radius α.
    private static Tensor Between(Tensor clean, Tensor adversarial, Tensor alpha, bool l2)
    {
        var a = alpha.reshape(-1, 1, 1, 1);
        return l2 ? clean.Plus((adversarial - clean) * a) : minimum(maximum(adversarial, clean - a), clean.Plus(a));
    }

    private Tensor Distances(Tensor images, Tensor clean)
    {
        var delta = (images - clean).flatten(1);
        return _options.Norm == PerturbationNorm.L2 ? AttackMath.L2Norms(delta) : delta.abs().max(1).values;
    }

    /// <summary>Whether each image is misclassified, from its predicted label alone; one query per image, counted for its row.</summary>
    private Tensor Decide(Tensor images, long[] rows)
    {
        using var scope = NewDisposeScope();
        foreach (long row in rows)
            _queries[row]++;
        var labels = _labels.index_select(0, tensor(rows, device: _labels.device));
        using var inference = inference_mode();
        return _oracle.Scores(images).argmax(1).ne(labels).MoveToOuterDisposeScope();
    }
}
