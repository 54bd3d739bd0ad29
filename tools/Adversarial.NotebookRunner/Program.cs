using MlNetAdversarial.NotebookRunner;

// adversarial-notebooks [--save-outputs] NOTEBOOK.ipynb [...]: runs every C# cell of each notebook in
// order, in a fresh kernel whose working folder is the notebook's own, and exits 1 at the first cell
// that fails. --save-outputs writes the cells' outputs into the notebooks (how the committed ones got theirs).
bool saveOutputs = args.Contains("--save-outputs");
string[] notebooks = args.Where(a => a != "--save-outputs").ToArray();
if (notebooks.Length == 0)
{
    Console.Error.WriteLine("usage: adversarial-notebooks [--save-outputs] NOTEBOOK.ipynb [NOTEBOOK.ipynb ...]");
    return 2;
}
foreach (string path in notebooks)
{
    if (!await NotebookExecution.RunAsync(path, Console.Out, saveOutputs))
        return 1;
}
return 0;
