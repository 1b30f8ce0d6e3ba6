using Fulcrum.Errors;
using Fulcrum.Http.Prompts;
using Microsoft.ML.Tokenizers;

namespace Fulcrum.Tests.Http;

public class PromptTests
{
    private static readonly string TinyTokenizer = Path.Combine(AppContext.BaseDirectory, "TestData", "tokenizers", "tiny-byte-level-bpe.json");

    [Theory]
    [InlineData("cl100k_base")]
    [InlineData("o200k_base")]
    public void WordList_OneTokenPerWord(string encoding)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        foreach (var word in RandomWordPrompts.Words)
        {
            Assert.True(tokenizer.CountTokens(" " + word) == 1, $"\" {word}\" is not one {encoding} token");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(4096)]
    public void RandomWords_ExactInCl100k(int tokens)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        var prompt = RandomWordPrompts.Create(tokens, new Random(7));
        Assert.Equal(tokens, tokenizer.CountTokens(prompt));
    }

    [Fact]
    public void RandomWords_SeedRepeatsAndPromptsDiffer()
    {
        var a = RandomWordPrompts.Create(64, new Random(1));
        Assert.Equal(a, RandomWordPrompts.Create(64, new Random(1)));
        Assert.NotEqual(a, RandomWordPrompts.Create(64, new Random(2)));
    }

    [Fact]
    public void TokenizerPrompts_ExactLength()
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        var random = new Random(3);
        foreach (var length in new[] { 1, 10, 777 })
        {
            var sample = TokenizerPrompts.Create(tokenizer, length, random);
            Assert.Equal(length, sample.Tokens);
            Assert.Equal(length, tokenizer.CountTokens(sample.Text));
        }
    }

    [Fact]
    public void HuggingFaceJson_ByteLevelBpeEncodes()
    {
        var tokenizer = HuggingFaceTokenizer.Load(TinyTokenizer);

        // Vocabulary: 256 byte symbols (ids 0-255), then merges Ġt=256, he=257, Ġthe=258, Ġc=259, at=260, Ġcat=261, Ġa=262.
        Assert.Equal([258, 261], tokenizer.EncodeToIds(" the cat"));
        Assert.Equal(3, tokenizer.CountTokens(" the cat the"));

        // "the" without a leading space: 't' is byte 0x74 (id 116), then "he".
        Assert.Equal([116, 257], tokenizer.EncodeToIds("the"));
        Assert.Equal(" the cat", tokenizer.Decode([258, 261]));
    }

    [Fact]
    public void HuggingFaceJson_ArrayMergesAccepted()
    {
        var text = File.ReadAllText(TinyTokenizer);
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var merges = document["model"]!["merges"]!.AsArray();
        var pairs = merges.Select(m => m!.GetValue<string>().Split(' ')).ToList();
        merges.Clear();
        foreach (var pair in pairs)
        {
            merges.Add(new System.Text.Json.Nodes.JsonArray(pair[0], pair[1]));
        }

        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-tokenizer-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, document.ToJsonString());
        try
        {
            Assert.Equal([258, 261], HuggingFaceTokenizer.Load(path).EncodeToIds(" the cat"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HuggingFaceJson_MissingFile_IsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => HuggingFaceTokenizer.Load("/nonexistent/tokenizer.json"));
        Assert.Contains("/nonexistent/tokenizer.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HuggingFaceJson_NotATokenizer_IsBadInput()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"model":{"type":"WordLevel","vocab":{}}}""");
        try
        {
            var ex = Assert.Throws<InputException>(() => HuggingFaceTokenizer.Load(path));
            Assert.Contains("WordLevel", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PromptFile_ReadsPromptsAndLengths()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-prompts-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, "{\"prompt\": \"Hello there\", \"max_tokens\": 32}\n\n{\"prompt\": \"Second\"}\n");
        try
        {
            var prompts = PromptFile.Read(path, TiktokenTokenizer.CreateForEncoding("cl100k_base"));
            Assert.Equal(2, prompts.Count);
            Assert.Equal(new PromptSample("Hello there", 2, 32), prompts[0]);
            Assert.Equal(new PromptSample("Second", 1, null), prompts[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{\"prompt\": 5}", ":1: field \"prompt\"")]
    [InlineData("{\"prompt\": \"a\"}\nnot json", ":2: not valid JSON")]
    [InlineData("{\"prompt\": \"a\", \"max_tokens\": 0}", ":1: field \"max_tokens\" must be a positive integer")]
    [InlineData("\n\n", "has no prompts")]
    public void PromptFile_BadLines_NameFileAndLine(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fulcrum-prompts-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, content);
        try
        {
            var ex = Assert.Throws<InputException>(() => PromptFile.Read(path));
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PromptFile_Unreadable_IsBadInput()
    {
        var ex = Assert.Throws<InputException>(() => PromptFile.Read("/nonexistent/prompts.jsonl"));
        Assert.Contains("cannot read", ex.Message, StringComparison.Ordinal);
    }
}
