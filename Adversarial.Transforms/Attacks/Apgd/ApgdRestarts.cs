using static TorchSharp.torch;

namespace MlNetAdversarial.Transforms.Attacks;

/// <summary>
/// The outer loop of APGD-CE and APGD-T, as in AutoAttack: each run (a restart, or a target class and restart) attacks only
/// the images no earlier run has fooled, and an image keeps the first adversarial example found for it.
/// </summary>
internal static class ApgdRestarts
{
    /// <summary>
    /// The targeted form (APGD-T, FAB-T): for the 2nd, 3rd, … most likely class of each clean image in turn, and each
    /// restart, <paramref name="attack"/> gets the pending images, their target classes, the target's rank and the restart.
    /// </summary>
    public static Tensor RunPerTarget(AttackBatch batch, int targetClasses, int restarts, Action<string, int>? onRun,
        Func<ApgdPending, Tensor, int, int, (Tensor Adversarial, Tensor Fooled)> attack)
    {
        using var scope = NewDisposeScope();
        Tensor ranked;
        // no_grad, not inference mode: the targets index a gather that autograd saves.
        using (no_grad())
            ranked = batch.Classifier.LogProbabilities(batch.Images).argsort(1, descending: true);
        return Run(batch, targetClasses * restarts, (pending, run) =>
        {
            onRun?.Invoke(restarts == 1 ? $"target {1 + run / restarts}/{targetClasses}" : $"target {1 + run / restarts}/{targetClasses}, restart {1 + run % restarts}/{restarts}",
                (int)pending.Rows.shape[0]);
            int targetRank = 1 + run / restarts;
            return attack(pending, ranked[.., targetRank].index_select(0, pending.Rows), targetRank, run % restarts);
        }).MoveToOuterDisposeScope();
    }

    public static Tensor Run(AttackBatch batch, int runs, Func<ApgdPending, int, (Tensor Adversarial, Tensor Fooled)> attack)
    {
        using var scope = NewDisposeScope();
        var result = batch.Images.clone();
        var found = zeros(batch.Images.shape[0], dtype: ScalarType.Bool, device: batch.Images.device);
        for (int run = 0; run < runs; run++)
        {
            using var runScope = NewDisposeScope();
            var remaining = found.logical_not().nonzero().squeeze(1);
            if (remaining.shape[0] == 0)
                break;
            long[] positions = AttackMath.ToLongs(remaining);
            var pending = new ApgdPending(batch.Images.index_select(0, remaining), remaining,
                batch.RowIndices.Length == 0 ? positions : positions.Select(p => batch.RowIndices[p]).ToArray());
            var (adversarial, fooled) = attack(pending, run);
            AutoPgd.Record(result, found, remaining, adversarial, fooled);
        }
        return result.MoveToOuterDisposeScope();
    }
}
