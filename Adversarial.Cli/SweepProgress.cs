using System.Diagnostics;
using System.Globalization;
using MlNetAdversarial.Pipelines.Statistics;
using MlNetAdversarial.Transforms.Attacks;
using Spectre.Console;

namespace MlNetAdversarial.Cli;

/// <summary>
/// What a sweep shows while it runs. On a terminal: a progress bar whose line names the stage a batch is in (APGD-T's target
/// k/9 included), the images it still attacks, the robust accuracy so far with its Wilson interval, and the ETA. Elsewhere (a
/// log): one stderr line per finished stage of a batch and one per tenth of the rows, never a repeated "0%".
/// </summary>
internal sealed class SweepProgress : IProgress<AttackStageReport>
{
    private readonly string _title;
    private readonly long _rows;
    private readonly int _budgets;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Dictionary<double, (long Robust, long Images)> _doneByBudget = [];
    private long _batchImagesDone;
    private long _rowsDone;
    private int _shownTenths;
    private ProgressTask? _task;

    public SweepProgress(string title, long rows, int attackedBudgets, bool? interactive = null)
    {
        _title = title;
        _rows = Math.Max(1, rows);
        _budgets = Math.Max(1, attackedBudgets);
        _interactive = interactive ?? AnsiConsole.Profile.Capabilities.Interactive;
    }

    /// <summary>Runs <paramref name="sweep"/> with the row counter it should report to and this as its stage listener.</summary>
    public T Run<T>(Func<IProgress<long>, T> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (!_interactive)
            return sweep(new InlineProgress<long>(ReportRows));
        T result = default!;
        CommandGuard.ProgressBar().Start(context =>
        {
            _task = context.AddTask(Markup.Escape(_title), maxValue: _rows);
            result = sweep(new InlineProgress<long>(ReportRows));
        });
        return result;
    }

    public void Report(AttackStageReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? line = null;
        lock (_lock)
        {
            if (value.Phase == AttackStagePhase.BatchDone)
            {
                var (robust, images) = _doneByBudget.GetValueOrDefault(Key(value.Budget));
                _doneByBudget[Key(value.Budget)] = (robust + value.Robust, images + value.BatchImages);
                Interlocked.Add(ref _batchImagesDone, value.BatchImages);
                return;
            }
            if (_interactive && _task is { } task)
                task.Description = Markup.Escape($"{_title} · {Where(value)} · {SoFar(value.Budget)} · {Eta()}");
            else if (value.Phase == AttackStagePhase.Finished)
                line = string.Create(CultureInfo.InvariantCulture,
                    $"{Where(value)}: fooled {value.Fooled} of {value.Attacked} in {value.Seconds:0.0} s, {value.Robust} robust · {SoFar(value.Budget)} · {Eta()}");
        }
        if (line is not null)
            Console.Error.WriteLine(line);
    }

    private void ReportRows(long done)
    {
        Interlocked.Exchange(ref _rowsDone, done);
        if (_task is { } task)
        {
            task.Value = done;
            return;
        }
        int tenths = (int)(10 * done / _rows);
        lock (_lock)
        {
            if (tenths <= _shownTenths)
                return;
            _shownTenths = tenths;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_title}: {done} of {_rows} images ({100.0 * done / _rows:0}%) · {Eta()}"));
    }

    private string Where(AttackStageReport value)
    {
        string epsilon = value.Budget is { } budget ? budget.ToString("0.####", CultureInfo.InvariantCulture) : "minimal";
        string step = value.Step is null ? "" : $" {value.Step}";
        return string.Create(CultureInfo.InvariantCulture,
            $"ε {epsilon}, rows {value.FirstRow}–{value.FirstRow + value.BatchImages - 1}: {value.Stage}{step} ({value.StageIndex + 1}/{value.StageCount}), {value.Attacked} image(s) attacked");
    }

    // Robust accuracy over the batches finished at this budget: the authors' running "robust accuracy".
    private string SoFar(double? budget)
    {
        if (!_doneByBudget.TryGetValue(Key(budget), out var done) || done.Images == 0)
            return "robust accuracy: after the first batch";
        var (low, high) = WilsonInterval.Compute(done.Robust, done.Images);
        return string.Create(CultureInfo.InvariantCulture,
            $"robust so far {done.Robust}/{done.Images} = {100.0 * done.Robust / done.Images:0.0}% (95% CI {100 * low:0.0}–{100 * high:0.0}%)");
    }

    // A minimal-perturbation attack has no budget; NaN equals itself as a key.
    private static double Key(double? budget) => budget ?? double.NaN;

    private string Eta()
    {
        // Rows leave the pass when every budget is done; a staged attack's batches tell sooner.
        double share = Math.Max(Interlocked.Read(ref _batchImagesDone) / (double)(_rows * _budgets), Interlocked.Read(ref _rowsDone) / (double)_rows);
        if (share <= 0)
            return "ETA after the first batch";
        var left = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - share) / share);
        return left.TotalHours >= 1 ? $"ETA {(int)left.TotalHours} h {left.Minutes:00} min" : $"ETA {left.Minutes} min {left.Seconds:00} s";
    }
}
