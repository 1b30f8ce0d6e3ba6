using Fulcrum.Errors;
using Fulcrum.Reports.Files;

namespace Fulcrum.Tests.Reports.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-atomic-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void WriteAllText_CreatesFolderAsUtf8()
    {
        var path = Path.Combine(folder.FullName, "nested", "report.html");

        AtomicFile.WriteAllText(path, "8× MI300X");

        Assert.Equal("8× MI300X"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_ReplacesExistingFile()
    {
        var path = Path.Combine(folder.FullName, "chart.svg");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["chart.svg"], folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void FailedWrite_KeepsOldFile()
    {
        var path = Path.Combine(folder.FullName, "grid.csv");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a fi"u8);
            throw new InvalidOperationException("simulated failure mid-write");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["grid.csv"], folder.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void FolderPath_IsRejectedWithFix()
    {
        var error = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(folder.FullName, "x"));

        Assert.Contains("is a folder", error.Message);
        Assert.Contains("Give the path of a file", error.Message);
    }

    [Fact]
    public void UnwritablePath_IsInputError()
    {
        // A regular file cannot be used as a folder, for root too.
        var blocker = Path.Combine(folder.FullName, "blocker");
        File.WriteAllText(blocker, "x");

        var error = Assert.Throws<InputException>(() => AtomicFile.WriteAllText(Path.Combine(blocker, "report.html"), "x"));

        Assert.Contains("Cannot write", error.Message);
        Assert.Contains("Choose a writable file path", error.Message);
    }

    [Fact]
    public void RequireFolder_RejectsFolderWithExample()
    {
        var error = Assert.Throws<InputException>(() => AtomicFile.RequireFolder(folder.FullName, "--json", "bench.json"));

        Assert.Contains("--json", error.Message, StringComparison.Ordinal);
        Assert.Contains("is a folder", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder.FullName, "bench.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireFolder_RejectsFileAsParent()
    {
        var file = Path.Combine(folder.FullName, "m1.json");
        File.WriteAllText(file, "{}");

        var error = Assert.Throws<InputException>(() => AtomicFile.RequireFolder(Path.Combine(file, "sub", "out.json"), "--out", "out.json"));

        Assert.Contains($"'{file}' is a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireFolder_RejectsMissingFolder()
    {
        var missing = Path.Combine(folder.FullName, "nope");

        var error = Assert.Throws<InputException>(() => AtomicFile.RequireFolder(Path.Combine(missing, "out.json"), "--records", "records.jsonl"));

        Assert.Contains("--records", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the folder '{missing}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void RequireFolder_ReturnsExistingFolder()
    {
        Assert.Equal(folder.FullName, AtomicFile.RequireFolder(Path.Combine(folder.FullName, "out.json"), "--json", "out.json"));
    }
}
