namespace Fulcrum.Tests;

/// <summary>Locates the repository root from the test binary, for tests that read the repo's own files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fulcrum.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Fulcrum.slnx not found above " + AppContext.BaseDirectory);
    }
}
