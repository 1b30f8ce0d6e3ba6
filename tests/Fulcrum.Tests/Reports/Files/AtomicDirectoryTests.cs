using Fulcrum.Errors;
using Fulcrum.Reports.Files;

namespace Fulcrum.Tests.Reports.Files;

public sealed class AtomicDirectoryTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fulcrum-atomic-dir-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Replace_CreatesMissingFolder()
    {
        var target = Path.Combine(folder.FullName, "a", "out");

        AtomicDirectory.Replace(target, temporary => File.WriteAllText(Path.Combine(temporary, "x.csv"), "1"), _ => true);

        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "x.csv")));
    }

    [Fact]
    public void Replace_SwapsOldContentsForNew()
    {
        var target = Path.Combine(folder.FullName, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.csv"), "old");

        AtomicDirectory.Replace(target, temporary => File.WriteAllText(Path.Combine(temporary, "new.csv"), "new"), _ => true);

        Assert.Equal(["new.csv"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
        Assert.Equal(["out"], folder.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    [Fact]
    public void FailedWrite_KeepsOldFolder()
    {
        var target = Path.Combine(folder.FullName, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.csv"), "old");

        Assert.Throws<InvalidOperationException>(() => AtomicDirectory.Replace(target, temporary =>
        {
            File.WriteAllText(Path.Combine(temporary, "half.csv"), "ha");
            throw new InvalidOperationException("simulated failure mid-write");
        }, _ => true));

        Assert.Equal(["old.csv"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
        Assert.Equal(["out"], folder.EnumerateFileSystemInfos().Select(e => e.Name));
    }

    [Fact]
    public void ForeignEntries_AreNotReplaced()
    {
        var target = Path.Combine(folder.FullName, "out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "thesis.tex"), "mine");

        var error = Assert.Throws<InputException>(() => AtomicDirectory.Replace(target, _ => { }, e => e.Extension == ".csv"));

        Assert.Contains("thesis.tex", error.Message);
        Assert.True(File.Exists(Path.Combine(target, "thesis.tex")));
    }

    [Fact]
    public void FilePath_IsRejected()
    {
        var file = Path.Combine(folder.FullName, "report.html");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<InputException>(() => AtomicDirectory.Replace(file, _ => { }, _ => true));

        Assert.Contains("it is a file", error.Message);
    }
}
