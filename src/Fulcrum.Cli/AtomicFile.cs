using Fulcrum.Errors;

namespace Fulcrum.Cli;

/// <summary>Writes result files whole or not at all: a temporary file in the same folder, then a rename over the target.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = RequireFolder(path);

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, content);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InputException($"Cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>Returns the folder <paramref name="path"/> would be written to; throws a bad-input error when it does not exist.</summary>
    public static string RequireFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new InputException($"Cannot write '{path}': the folder '{folder}' does not exist. Create it or choose another path.");
        }

        return folder;
    }
}
